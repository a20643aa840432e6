package io.github.ghcrtools.helm.oci.packaging;

import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.BuildRecord;
import io.github.ghcrtools.core.record.PublishRecords;
import io.github.ghcrtools.core.registry.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Packages a chart directory as {@code helm package} would, but reproducibly and without a Helm
 * binary: load (honouring {@code .helmignore}), validate, apply the version overrides to the
 * packaged {@code Chart.yaml}, make a SNAPSHOT version unique when GitHub Actions builds it ({@link
 * SnapshotVersion}), write {@code <name>-<version>.tgz} and its build record. Nothing is written
 * when validation fails, and the source directory is only read.
 */
public final class ChartPackager {

  private ChartPackager() {}

  public static PackagedChart pack(PackageRequest request) {
    Path directory = request.chartDirectory();
    if (!Files.isDirectory(directory)) {
      throw new InvalidChartException(
          "Chart directory "
              + display(request, directory)
              + " does not exist; put the"
              + " chart there (src/main/helm/<chartName> by default) or set the parameter 'chartDirectory'"
              + " (-Dhelm-oci.chartDirectory)");
    }
    Chart chart = ChartLoader.loadDirectory(directory);
    String directoryName = directory.toAbsolutePath().normalize().getFileName().toString();
    List<String> warnings = ChartValidator.validate(chart, directoryName, request.version());

    ChartMetadata metadata = chart.metadata();
    if (request.version().isPresent()) {
      metadata = metadata.with("version", request.version().get());
    }
    if (request.appVersion().isPresent()) {
      metadata = metadata.with("appVersion", request.appVersion().get());
    }
    Optional<SnapshotVersion> snapshot =
        SnapshotVersion.resolve(metadata.version().orElseThrow(), request.environment());
    if (snapshot.isPresent()) {
      metadata = metadata.with("version", snapshot.get().version());
    }
    chart = chart.withMetadata(metadata);
    String name = chart.name();
    String version = metadata.version().orElseThrow();

    try {
      Path archive = request.outputDirectory().resolve(name + "-" + version + ".tgz");
      String digest = writeArchive(ChartLayout.entries(chart), request, archive);
      String displayPath = display(request, archive);
      PublishRecords.writeBuild(
          request.buildRecordDirectory(),
          BuildRecord.of(ArtifactKind.CHART, name, displayPath, digest, null));
      return new PackagedChart(name, version, archive, displayPath, digest, warnings, snapshot);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the chart package to " + request.outputDirectory(), e);
    }
  }

  /** Writes beside the target and moves into place, so a failed build leaves no partial archive. */
  private static String writeArchive(List<ChartFile> entries, PackageRequest request, Path archive)
      throws IOException {
    Files.createDirectories(archive.getParent());
    Path temporary =
        Files.createTempFile(archive.getParent(), archive.getFileName().toString(), ".part");
    try {
      MessageDigest sha256 = Sha256.newDigest();
      try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temporary), sha256)) {
        ChartArchiveWriter.write(entries, request.timestamp(), out);
      }
      Files.move(temporary, archive, StandardCopyOption.REPLACE_EXISTING);
      return "sha256:" + HexFormat.of().formatHex(sha256.digest());
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static String display(PackageRequest request, Path path) {
    Path base = request.projectDirectory().toAbsolutePath().normalize();
    Path absolute = path.toAbsolutePath().normalize();
    Path shown = absolute.startsWith(base) ? base.relativize(absolute) : absolute;
    return shown.toString().replace('\\', '/');
  }
}
