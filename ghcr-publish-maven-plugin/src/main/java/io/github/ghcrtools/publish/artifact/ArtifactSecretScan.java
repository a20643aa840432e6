package io.github.ghcrtools.publish.artifact;

import io.github.ghcrtools.core.scan.KnownSecrets;
import io.github.ghcrtools.core.scan.ScanSettings;
import io.github.ghcrtools.core.scan.SecretScanGate;
import io.github.ghcrtools.core.scan.SecretScanner;
import io.github.ghcrtools.publish.progress.BuildLog;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The secret-scan gate of an artifact, the one images and charts go through, run before anything is
 * sent and on pull requests too: each file under its title (its file name, as {@code oras pull}
 * writes it; an archive is read entry by entry, a binary file is skipped), and the manifest's
 * annotations, where a {@code ${env.GHCR_TOKEN}} ends up as easily.
 */
final class ArtifactSecretScan {

  /** The path findings in the annotations are shown under. */
  static final String ANNOTATIONS = "(annotations)";

  private ArtifactSecretScan() {}

  /**
   * @param artifact how messages name it, e.g. {@code artifact ghcr.io/acme/installer}
   * @throws io.github.ghcrtools.core.failure.UserError for a secret the settings do not let through
   */
  static void check(
      String artifact,
      List<ArtifactLayer> layers,
      Map<String, String> annotations,
      ScanSettings settings,
      KnownSecrets known,
      BuildLog log)
      throws IOException {
    if (!settings.enabled()) {
      return;
    }
    SecretScanner scanner = new SecretScanner(artifact, known);
    for (ArtifactLayer layer : layers) {
      scanner.scanFile(layer.title(), layer.file());
    }
    StringBuilder text = new StringBuilder();
    annotations.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    scanner.scanText(ANNOTATIONS, text.toString());
    log.debug("Secret scan of " + artifact + ": " + scanner.summary());
    SecretScanGate.apply(artifact, scanner.findings(), settings, log::warn, log::info);
  }
}
