package io.github.ghcrtools.deploy.release;

import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.PublishRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The copy-paste commands of one artifact, made in this one place for the notes and the step
 * summary alike: {@code docker pull} by digest for an image, {@code helm install} by version for a
 * chart, {@code oras pull} by digest for an OCI artifact ({@code ghcr:artifact}). Verification
 * commands ({@code cosign verify}, {@code gh attestation verify}) join here once the release signs
 * its artifacts.
 */
public final class ArtifactCommands {

  private ArtifactCommands() {}

  /** One command line, with what it is for. */
  public record Command(String artifact, String line) {}

  public static List<Command> of(PublishRecord record) {
    List<Command> commands = new ArrayList<>();
    String artifact = record.kind().value() + " " + record.name();
    if (record.kind() == ArtifactKind.CHART) {
      commands.add(
          new Command(
              artifact,
              "helm install "
                  + record.name()
                  + " oci://"
                  + record.repository()
                  + " --version "
                  + record.version()));
    } else if (record.kind() == ArtifactKind.ARTIFACT) {
      commands.add(new Command(artifact, "oras pull " + record.immutableReference()));
    } else {
      commands.add(new Command(artifact, "docker pull " + record.immutableReference()));
    }
    return commands;
  }
}
