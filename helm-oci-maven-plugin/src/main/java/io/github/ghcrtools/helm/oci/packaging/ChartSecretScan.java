package io.github.ghcrtools.helm.oci.packaging;

import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.BuildRecord;
import io.github.ghcrtools.core.record.PublishRecords;
import io.github.ghcrtools.core.scan.KnownSecrets;
import io.github.ghcrtools.core.scan.OutsideLinks;
import io.github.ghcrtools.core.scan.ScanSettings;
import io.github.ghcrtools.core.scan.SecretScanGate;
import io.github.ghcrtools.core.scan.SecretScanner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The secret-scan gate of a chart. {@code package} checks the chart directory before anything is
 * written: a link that leads out of it is refused (Helm would follow it and package whatever it
 * points to, with only a warning), whatever {@code secretScan} says; then every file that goes into
 * the package is scanned under its path in the archive ({@code <chart>/templates/x.yaml}). {@code
 * push} scans the packaged {@code .tgz} itself before anything is sent, with the credentials it
 * resolved: the archive is what leaves the machine.
 */
public final class ChartSecretScan {

  private ChartSecretScan() {}

  /**
   * Checks what {@code request} would package. A chart that cannot be loaded or is invalid is left
   * to {@link ChartPackager}, which says why.
   *
   * @param shownDirectory the chart directory as messages show it
   */
  public static void checkDirectory(
      PackageRequest request,
      String shownDirectory,
      ScanSettings settings,
      KnownSecrets known,
      Consumer<String> warn,
      Consumer<String> info)
      throws IOException {
    Path directory = request.chartDirectory();
    if (!Files.isDirectory(directory)) {
      return;
    }
    HelmIgnore rules = HelmIgnore.forChartDirectory(directory);
    OutsideLinks.refuse(
        directory, "Chart directory " + shownDirectory, "chartDirectory", rules::ignores);
    if (!settings.enabled()) {
      return;
    }
    Chart chart = ChartLoader.loadDirectory(directory);
    ChartValidator.validate(
        chart, directory.toAbsolutePath().normalize().getFileName().toString(), request.version());
    String artifact = "chart " + chart.name();
    SecretScanner scanner = new SecretScanner(artifact, known);
    for (ChartFile entry : ChartLayout.entries(chart)) {
      scanner.scan(entry.path(), new ByteArrayInputStream(entry.data()));
    }
    SecretScanGate.apply(artifact, scanner.findings(), settings, warn, info);
  }

  /**
   * Scans the {@code .tgz} that {@code package} recorded for {@code chartName}, entry by entry. A
   * missing or unreadable package is left to the push, which says what to do.
   */
  public static void checkPackage(
      Path projectDirectory,
      Path buildRecordDirectory,
      String chartName,
      ScanSettings settings,
      KnownSecrets known,
      Consumer<String> warn,
      Consumer<String> info)
      throws IOException {
    Path recordFile =
        PublishRecords.buildRecordFile(buildRecordDirectory, ArtifactKind.CHART, chartName);
    if (!settings.enabled() || !Files.isRegularFile(recordFile)) {
      return;
    }
    BuildRecord record;
    try {
      record = PublishRecords.readBuild(recordFile);
    } catch (RuntimeException e) {
      return; // the push reads it again and reports it
    }
    Path archive = projectDirectory.resolve(record.file());
    if (!Files.isRegularFile(archive)) {
      return;
    }
    String artifact = "chart " + record.name();
    SecretScanner scanner = new SecretScanner(artifact, known);
    try (InputStream file = Files.newInputStream(archive);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(file))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        if (entry.isFile()) {
          scanner.scan(entry.getName(), tar);
        }
      }
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      throw new InvalidChartException(
          "Chart package "
              + record.file()
              + " is not a readable chart archive ("
              + e.getMessage()
              + "); run helm-oci:package again",
          e);
    }
    SecretScanGate.apply(artifact, scanner.findings(), settings, warn, info);
  }
}
