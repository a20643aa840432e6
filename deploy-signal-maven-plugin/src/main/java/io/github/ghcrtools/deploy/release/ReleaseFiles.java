package io.github.ghcrtools.deploy.release;

import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.BuildRecord;
import io.github.ghcrtools.core.record.PublishRecord;
import io.github.ghcrtools.core.record.PublishRecords;
import io.github.ghcrtools.core.referrers.Referrer;
import io.github.ghcrtools.core.release.PreparedArtifact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the files a release attaches, where the build left them: each chart's {@code .tgz} (named
 * by its build record), and each artifact's SBOM, provenance and any other file attached to it on
 * ghcr.io, renamed {@code <kind>-<name>.<what>} so two artifacts never clash.
 */
final class ReleaseFiles {

  private ReleaseFiles() {}

  static List<ReleaseAssets.Asset> of(
      PublishRecord record, Optional<PreparedArtifact> prepared, List<ReactorProject> projects) {
    List<ReleaseAssets.Asset> assets = new ArrayList<>();
    Optional<ReactorProject> project = projectOf(record, prepared, projects);
    String prefix = record.kind().value() + "-" + record.name();
    if (record.kind() == ArtifactKind.CHART && project.isPresent()) {
      Path buildRecord =
          PublishRecords.buildRecordFile(
              PublishRecords.buildRecordsDirectory(project.get().buildDirectory()),
              ArtifactKind.CHART,
              record.name());
      if (Files.isRegularFile(buildRecord)) {
        BuildRecord built = PublishRecords.readBuild(buildRecord);
        Path archive = project.get().basedir().resolve(built.file());
        if (Files.isRegularFile(archive)) {
          assets.add(new ReleaseAssets.Asset(archive, archive.getFileName().toString()));
        }
      }
    }
    if (prepared.isPresent()) {
      for (Referrer referrer : prepared.get().referrers()) {
        Path file = Path.of(referrer.file());
        if (Files.isRegularFile(file)) {
          assets.add(new ReleaseAssets.Asset(file, prefix + "." + suffix(referrer, file)));
        }
      }
    } else if (record.sbom() != null && project.isPresent()) {
      Path sbom = project.get().basedir().resolve(record.sbom());
      if (Files.isRegularFile(sbom)) {
        assets.add(new ReleaseAssets.Asset(sbom, prefix + ".cdx.json"));
      }
    }
    return assets;
  }

  private static String suffix(Referrer referrer, Path file) {
    return switch (referrer.artifactType()) {
      case Referrer.CYCLONEDX -> "cdx.json";
      case Referrer.IN_TOTO -> "provenance.json";
      default -> {
        String name = file.getFileName().toString();
        int dot = name.indexOf('.');
        yield referrer.label().replaceAll("[^A-Za-z0-9.-]", "-")
            + (dot > 0 ? name.substring(dot) : "");
      }
    };
  }

  /**
   * The project that published {@code record}: the one that prepared it, else the one whose records
   * folder holds its record (a push that did not wait for the end of the reactor).
   */
  private static Optional<ReactorProject> projectOf(
      PublishRecord record, Optional<PreparedArtifact> prepared, List<ReactorProject> projects) {
    if (prepared.isPresent()) {
      return projects.stream().filter(p -> p.id().equals(prepared.get().project())).findFirst();
    }
    return projects.stream()
        .filter(
            p ->
                Files.isRegularFile(
                    PublishRecords.recordFile(
                        PublishRecords.recordsDirectory(p.buildDirectory()),
                        record.kind(),
                        record.name())))
        .findFirst();
  }
}
