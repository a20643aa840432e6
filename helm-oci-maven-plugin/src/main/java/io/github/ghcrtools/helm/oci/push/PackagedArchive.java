package io.github.ghcrtools.helm.oci.push;

import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.BuildRecord;
import io.github.ghcrtools.core.record.PublishRecords;
import io.github.ghcrtools.core.registry.Sha256;
import io.github.ghcrtools.helm.oci.packaging.ChartArchives;
import io.github.ghcrtools.helm.oci.packaging.ChartMetadata;
import io.github.ghcrtools.helm.oci.packaging.InvalidChartException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code .tgz} that {@code helm-oci:package} wrote, found through the build record it left in
 * {@code target/ghcr-publish/build/}, so push ships exactly what package validated: the archive
 * must still have the recorded digest, and its {@code Chart.yaml} names the chart and version.
 *
 * <p>The archive is read as a stream (digest, then Chart.yaml) and never held whole: it becomes the
 * chart layer through {@link #layer()}, which opens the file again for each upload attempt.
 *
 * @param displayPath the archive's path relative to the project, for messages
 * @param file the archive, which becomes the chart layer
 * @param size its length in bytes
 * @param digest {@code sha256:} of its bytes
 * @param metadata the archive's {@code Chart.yaml} as Helm's loader reads it
 */
record PackagedArchive(
    String name,
    String version,
    String displayPath,
    Path file,
    long size,
    String digest,
    ChartMetadata metadata) {

  /** The chart layer: Helm's media type, streamed from the file. */
  HelmManifest.Blob layer() {
    return new HelmManifest.Blob(
        HelmManifest.CHART_MEDIA_TYPE, digest, size, () -> Files.newInputStream(file));
  }

  /** The build record {@code package} writes for chart {@code chartName}. */
  static Path buildRecordFile(Path buildRecordDirectory, String chartName) {
    return PublishRecords.buildRecordFile(buildRecordDirectory, ArtifactKind.CHART, chartName);
  }

  /**
   * @throws ChartPushException when package has not run, or its output changed since
   * @throws InvalidChartException when the archive is not a readable chart
   */
  static PackagedArchive load(Path projectDirectory, Path buildRecordDirectory, String chartName) {
    Path recordFile = buildRecordFile(buildRecordDirectory, chartName);
    if (!Files.isRegularFile(recordFile)) {
      throw new ChartPushException(
          "Chart '"
              + chartName
              + "' has not been packaged: "
              + display(projectDirectory, recordFile)
              + " is missing; run helm-oci:package first (mvn deploy runs"
              + " it in the package phase), or set 'chartName' (-Dhelm-oci.chartName) to the chart package built");
    }
    BuildRecord record = PublishRecords.readBuild(recordFile);
    Path archive = projectDirectory.resolve(record.file());
    String shown = display(projectDirectory, archive);
    if (!Files.isRegularFile(archive)) {
      throw new ChartPushException(
          "Chart package " + shown + " is missing; run helm-oci:package first");
    }
    long size;
    String digest;
    try {
      size = Files.size(archive);
      digest = Sha256.digestOf(archive);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the chart package " + shown, e);
    }
    if (!digest.equals(record.digest())) {
      throw new ChartPushException(
          "Chart package "
              + shown
              + " has digest "
              + digest
              + " but helm-oci:package"
              + " recorded "
              + record.digest()
              + " in "
              + display(projectDirectory, recordFile)
              + "; it changed after packaging: run helm-oci:package again");
    }
    ChartMetadata metadata;
    try (InputStream in = Files.newInputStream(archive)) {
      metadata = ChartArchives.readMetadata(shown, in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the chart package " + shown, e);
    }
    String name =
        metadata
            .name()
            .orElseThrow(
                () ->
                    new InvalidChartException(
                        metadata.file() + " field 'name' is missing; run helm-oci:package again"));
    String version =
        metadata
            .version()
            .orElseThrow(
                () ->
                    new InvalidChartException(
                        metadata.file()
                            + " field 'version' is missing; run helm-oci:package again"));
    if (!name.equals(record.name())) {
      throw new ChartPushException(
          "Chart package "
              + shown
              + " holds chart '"
              + name
              + "', but its build record"
              + " is for '"
              + record.name()
              + "'; run helm-oci:package again");
    }
    return new PackagedArchive(name, version, shown, archive, size, digest, metadata);
  }

  private static String display(Path projectDirectory, Path path) {
    Path base = projectDirectory.toAbsolutePath().normalize();
    Path absolute = path.toAbsolutePath().normalize();
    return (absolute.startsWith(base) ? base.relativize(absolute) : absolute)
        .toString()
        .replace('\\', '/');
  }
}
