package io.github.ghcrtools.deploy.release;

import io.github.ghcrtools.core.release.SemanticVersion;
import java.util.List;

/**
 * Everything the notes, the step summary and the lineage say about one release.
 *
 * @param name the project's name
 * @param version the release's version
 * @param changes the change log since the previous release
 * @param artifacts every artifact this run published, with sizes
 * @param revision the source commit, or null
 * @param runUrl the workflow run that built it, or null
 * @param githubRepository {@code <owner>/<repo>} ({@code GITHUB_REPOSITORY}), whose workflows sign
 *     the artifacts, or null outside GitHub Actions
 */
public record ReleaseContent(
    String name,
    String version,
    Changes changes,
    List<ReleaseArtifact> artifacts,
    String revision,
    String runUrl,
    String githubRepository) {

  public ReleaseContent {
    artifacts = List.copyOf(artifacts);
  }

  /** A SemVer pre-release ({@code 1.0.0-rc.1}, {@code 0.2.0-SNAPSHOT}); other versions are not. */
  public boolean prerelease() {
    return SemanticVersion.parse(version).map(SemanticVersion::isPreRelease).orElse(false);
  }

  /** The previous release's version, when there is one. */
  public java.util.Optional<String> previousVersion() {
    return changes.previous().map(VersionTag::version);
  }
}
