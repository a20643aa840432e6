package io.github.ghcrtools.deploy.release;

import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.PublishRecord;
import io.github.ghcrtools.core.signing.SignerIdentity;
import java.util.ArrayList;
import java.util.List;

/**
 * The copy-paste commands of one artifact, made in this one place for the notes and the step
 * summary alike: {@code docker pull} by digest for an image, {@code helm install} by version for a
 * chart, {@code oras pull} by digest for an OCI artifact ({@code ghcr:artifact}); and for an image
 * or chart signed with Sigstore, {@code cosign verify} and {@code gh attestation verify} by digest,
 * against this repository's workflows as signer.
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

  /**
   * The commands that check the Sigstore signature of an image or chart whose record lists a
   * Sigstore bundle among its referrers; none for other records, or without {@code
   * githubRepository} (no signer identity to check against).
   *
   * @param githubRepository {@code <owner>/<repo>} ({@code GITHUB_REPOSITORY}), or null
   */
  public static List<Command> verify(PublishRecord record, String githubRepository) {
    if (!record.signed() || githubRepository == null || record.kind() == ArtifactKind.ARTIFACT) {
      return List.of();
    }
    String artifact = record.kind().value() + " " + record.name();
    String pinned = record.repository() + "@" + record.digest();
    return List.of(
        new Command(
            artifact,
            "cosign verify "
                + pinned
                + " --certificate-identity-regexp '"
                + SignerIdentity.workflowsOf(githubRepository)
                + "' --certificate-oidc-issuer "
                + SignerIdentity.GITHUB_ISSUER),
        new Command(
            artifact,
            "gh attestation verify oci://"
                + pinned
                + " --repo "
                + githubRepository
                + " --bundle-from-oci"));
  }
}
