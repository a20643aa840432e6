package io.github.ghcrtools.helm.oci.packaging;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The result of packaging, as the Mojo logs it and as {@code push} will need it.
 *
 * @param archive the written {@code .tgz}
 * @param displayPath the archive's path relative to the project, {@code /}-separated
 * @param digest {@code sha256:<hex>} of the archive bytes
 * @param warnings things the user should fix that did not stop the build
 * @param snapshot how a SNAPSHOT version was made unique for this CI run, when it was
 */
public record PackagedChart(
    String name,
    String version,
    Path archive,
    String displayPath,
    String digest,
    List<String> warnings,
    Optional<SnapshotVersion> snapshot) {

  public PackagedChart {
    warnings = List.copyOf(warnings);
    snapshot = snapshot == null ? Optional.empty() : snapshot;
  }

  /** A chart packaged with the version it was given. */
  public PackagedChart(
      String name,
      String version,
      Path archive,
      String displayPath,
      String digest,
      List<String> warnings) {
    this(name, version, archive, displayPath, digest, warnings, Optional.empty());
  }
}
