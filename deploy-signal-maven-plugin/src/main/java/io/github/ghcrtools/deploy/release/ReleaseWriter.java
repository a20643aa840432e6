package io.github.ghcrtools.deploy.release;

import io.github.ghcrtools.core.ci.CiContext;
import io.github.ghcrtools.core.github.GitHubOutputs;
import io.github.ghcrtools.core.github.StepSummary;
import io.github.ghcrtools.core.record.PublishRecord;
import io.github.ghcrtools.core.release.PreparedArtifact;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Writes a release's notes and assets to {@code target/release/} once its artifacts are published:
 * the change log from git, the sizes from the manifests (and the registry, for the previous
 * release), the files the build left, and the same table and commands in the step summary.
 */
public final class ReleaseWriter {

  /**
   * What the release goal gathered.
   *
   * @param name the project's name, the notes' title
   * @param version the release's version
   * @param gitDirectory where to start looking for the git repository (the top-level project)
   * @param tagPrefix what precedes the version in release tags
   * @param previousTag the previous release's tag when the user names it, else null
   * @param published what this run published
   * @param prepared what this run prepared for the end of the reactor (manifest bytes, files)
   * @param projects the reactor's projects
   * @param outputDirectory where the notes and assets go
   * @param ci the GitHub Actions run, for the commit, the run link and the outputs
   */
  public record Request(
      String name,
      String version,
      Path gitDirectory,
      String tagPrefix,
      String previousTag,
      List<PublishRecord> published,
      List<PreparedArtifact> prepared,
      List<ReactorProject> projects,
      Path outputDirectory,
      CiContext ci) {}

  private final ArtifactSizes sizes;
  private final Consumer<String> info;
  private final Consumer<String> warn;

  /**
   * @param warn where a size the registry would not give goes: the release is already published
   *     when the notes are written, so a failed read makes the size change unknown, never the build
   *     fail
   */
  public ReleaseWriter(ArtifactSizes sizes, Consumer<String> info, Consumer<String> warn) {
    this.sizes = sizes;
    this.info = info;
    this.warn = warn;
  }

  public ReleaseContent write(Request request) throws IOException {
    Changes changes =
        ChangeLog.read(
            request.gitDirectory(), request.version(), request.tagPrefix(), request.previousTag());
    if (changes.note() != null) {
      info.accept(changes.note());
    }
    List<PublishRecord> published = new ArrayList<>(request.published());
    published.sort(
        Comparator.comparing((PublishRecord r) -> r.kind().value())
            .thenComparing(PublishRecord::name));
    List<ReleaseArtifact> artifacts = new ArrayList<>();
    List<ReleaseAssets.Asset> files = new ArrayList<>();
    for (PublishRecord record : published) {
      Optional<PreparedArtifact> prepared = preparedOf(record, request.prepared());
      ArtifactSize size;
      try {
        size =
            sizes.current(
                record,
                prepared.map(PreparedArtifact::manifestBytes).orElse(new byte[0]),
                prepared.map(ReleaseWriter::platformManifests).orElse(List.of()));
      } catch (IOException e) {
        size = ArtifactSize.UNKNOWN;
        warn.accept(
            "Release notes: the size of "
                + record.immutableReference()
                + " was not read from ghcr.io ("
                + e.getMessage()
                + "), so it is shown as unknown; the release itself is published.");
      }
      Optional<ArtifactSize> previous = Optional.empty();
      boolean unread = !size.known() && changes.previous().isPresent();
      if (changes.previous().isPresent() && size.known()) {
        String version = changes.previous().get().version();
        try {
          previous = sizes.previous(record, version, size);
        } catch (IOException e) {
          unread = true;
          warn.accept(
              "Release notes: the size of "
                  + record.repository()
                  + " "
                  + version
                  + " was not read from ghcr.io ("
                  + e.getMessage()
                  + "), so its size change is shown as unknown; the release itself is published.");
        }
      }
      artifacts.add(new ReleaseArtifact(record, size, previous, unread));
      files.addAll(ReleaseFiles.of(record, prepared, request.projects()));
    }
    ReleaseContent release =
        new ReleaseContent(
            request.name(),
            request.version(),
            changes,
            artifacts,
            revision(request.ci(), published),
            runUrl(request.ci()),
            request.ci().repository());
    Path directory = request.outputDirectory();
    List<String> assets = ReleaseAssets.copy(directory, files);
    ReleaseAssets.write(
        directory, assets, ReleaseLineage.json(release, assets), ReleaseNotes.markdown(release));
    report(request.ci(), release);
    info.accept(
        "Release notes of "
            + release.version()
            + " ("
            + release.artifacts().size()
            + " artifact(s), "
            + changes.commits().size()
            + " commit(s)"
            + release.previousVersion().map(v -> " since " + v).orElse("")
            + ") and "
            + assets.size()
            + " asset(s) written to "
            + directory);
    return release;
  }

  private static Optional<PreparedArtifact> preparedOf(
      PublishRecord record, List<PreparedArtifact> prepared) {
    return prepared.stream()
        .filter(
            a -> a.repository().equals(record.repository()) && a.digest().equals(record.digest()))
        .findFirst();
  }

  private static List<byte[]> platformManifests(PreparedArtifact artifact) {
    return artifact.platformManifests().stream().map(Base64.getDecoder()::decode).toList();
  }

  /** The commit the workflow built, else the one the records name. */
  private static String revision(CiContext ci, List<PublishRecord> published) {
    return ci.sha()
        .or(
            () ->
                published.stream()
                    .map(PublishRecord::revision)
                    .filter(r -> r != null && !r.isBlank())
                    .findFirst())
        .orElse(null);
  }

  private static String runUrl(CiContext ci) {
    return ci.runId() == null
        ? null
        : ci.sourceUrl().map(url -> url + "/actions/runs/" + ci.runId()).orElse(null);
  }

  /**
   * The outputs the template's GitHub Release job reads ({@code release-} keys, apart from the
   * other goals'), and the artifact table and commands in the step summary (the verify commands as
   * a code block: a table cell would escape the backslashes of their regular expression).
   */
  private static void report(CiContext ci, ReleaseContent release) {
    ci.outputFile()
        .ifPresent(
            file -> {
              Map<String, String> outputs = new LinkedHashMap<>();
              outputs.put("release-version", release.version());
              outputs.put("release-prerelease", Boolean.toString(release.prerelease()));
              outputs.put("release-previous-version", release.previousVersion().orElse(""));
              GitHubOutputs.append(file, outputs);
            });
    ci.stepSummaryFile()
        .ifPresent(
            file -> {
              String since =
                  release.previousVersion().map(v -> "change since " + v).orElse("change");
              StepSummary.appendTable(
                  file,
                  "Release " + release.version() + (release.prerelease() ? " (pre-release)" : ""),
                  List.of("artifact", "reference", "platforms", "compressed size", since),
                  ReleaseNotes.rows(release, text -> text));
              StepSummary.appendTable(
                  file,
                  "Release commands",
                  List.of("artifact", "command"),
                  ReleaseNotes.commands(release).stream()
                      .map(c -> List.of(c.artifact(), "`" + c.line() + "`"))
                      .toList());
              List<ArtifactCommands.Command> verify = ReleaseNotes.verifyCommands(release);
              if (!verify.isEmpty()) {
                StepSummary.appendCommands(
                    file,
                    "Verify the signatures",
                    ReleaseNotes.verifyIntro(release),
                    verify.stream().map(ArtifactCommands.Command::line).toList());
              }
            });
  }
}
