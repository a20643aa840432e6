package io.github.ghcrtools.publish;

import io.github.ghcrtools.core.ci.ReleaseTag;
import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.reactor.ReleaseDelivery;
import io.github.ghcrtools.core.release.PreparedArtifact;
import io.github.ghcrtools.core.release.ReleasePublisher;
import io.github.ghcrtools.core.release.ReleaseReport;
import io.github.ghcrtools.core.scan.KnownSecrets;
import io.github.ghcrtools.core.scan.ScanSettings;
import io.github.ghcrtools.publish.image.ImagePlatform;
import io.github.ghcrtools.publish.labels.CreationTime;
import io.github.ghcrtools.publish.labels.GitHead;
import io.github.ghcrtools.publish.tags.ImageTags;
import io.github.ghcrtools.publish.tags.TagCalculator;
import io.github.ghcrtools.publish.tags.TagInputs;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What every goal that publishes a version of something (an image, an OCI artifact) shares: its
 * tags, its creation time, the secret scan of what it ships, and handing it to the release. An
 * image and an artifact of one build follow the very same rules, so they read the same parameters.
 */
abstract class AbstractPublishMojo extends AbstractGhcrMojo {

  /**
   * Tags. Default: docker/metadata-action semver set from the version ({@code 1.2.3}, {@code 1.2},
   * {@code 1}, {@code latest}; pre-releases only the full version; SNAPSHOTs only {@code sha-<7>}
   * and the branch) plus {@code sha-<7>} from {@code GITHUB_SHA}.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.tags")
  protected List<String> tags;

  /**
   * Creation time (image config and label, artifact annotation); Maven's reproducible-build
   * timestamp by default, else the commit time, so a rebuild of one commit gives one digest.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.outputTimestamp", defaultValue = "${project.build.outputTimestamp}")
  protected String outputTimestamp;

  /**
   * The secret scan of every file the image or artifact will hold (for an image also its
   * configuration), before anything is built or sent, on pull requests too: {@code fail} (default)
   * fails the build on a finding, {@code warn} logs each finding, {@code off} scans nothing.
   * Findings are shown masked, with a fingerprint.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.secretScan", defaultValue = "fail")
  protected String secretScan = "fail";

  /**
   * Findings of the secret scan to let through: fingerprints as the scan shows them ({@code
   * sha256:} and 12 hex digits) or globs over the path in the image or artifact ({@code
   * /app/resources/test-keys/**}, {@code /app/libs/foo-*.jar!/**}). The token of this build is
   * never let through.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.secretScanAllowlist")
  protected List<String> secretScanAllowlist;

  /**
   * Publish with the whole reactor (push and artifact goals): this module only checks and uploads
   * blobs, and the tags of every image, chart and artifact are written once the last project has
   * succeeded (nothing when one failed). {@code false} publishes this module's image or artifact as
   * soon as it is ready.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.pushAtEnd", defaultValue = "true")
  protected boolean pushAtEnd = true;

  private Optional<GitHead> gitHead;

  /**
   * The policy checks every goal shares, and a version tag push must release the project's version
   * ({@link ReleaseTag}).
   *
   * @param platforms the {@code platforms} parameter, null for goals that build no image
   * @return the platforms to build, empty for Jib's default
   */
  protected final List<ImagePlatform> publishPreflight(List<String> platforms) {
    List<ImagePlatform> checked = preflight(platforms);
    ReleaseTag.check(ci(), project.getVersion());
    return checked;
  }

  protected final Optional<GitHead> gitHead() {
    if (gitHead == null) {
      gitHead = GitHead.read(project.getBasedir() == null ? null : project.getBasedir().toPath());
    }
    return gitHead;
  }

  protected final CreationTime creationTime() {
    return CreationTime.resolve(outputTimestamp, () -> gitHead().map(GitHead::commitTime));
  }

  protected final Optional<String> revision() {
    return ci().sha().or(() -> gitHead().map(GitHead::sha));
  }

  /** The source repository: GitHub's in Actions, else the POM's SCM URL. */
  protected final Optional<String> sourceUrl() {
    return ci().sourceUrl().or(() -> Optional.ofNullable(project.getScm()).map(s -> s.getUrl()));
  }

  /** The tags to publish under, from the version, the commit, the branch and {@code tags}. */
  protected final ImageTags releaseTags() {
    return TagCalculator.compute(
        TagInputs.from(project.getVersion(), ci().shortSha(), processEnvironment(), tags));
  }

  /** {@code secretScan} and {@code secretScanAllowlist}. */
  protected final ScanSettings scanSettings() {
    return ScanSettings.parse(secretScan, secretScanAllowlist, "ghcr");
  }

  /** The values the secret scan looks for literally: this build's tokens and registry password. */
  protected final KnownSecrets knownSecrets() {
    return KnownSecrets.forBuild(processEnvironment(), this::credentials);
  }

  /**
   * Hands a prepared image or artifact to the release: published with the rest of the reactor
   * ({@code pushAtEnd}), or at once.
   */
  protected final void deliver(PreparedArtifact prepared, RegistryCredentials credentials) {
    ReleasePublisher publisher =
        new ReleasePublisher(
            credentials,
            registryCalls(),
            new ReleaseReport(ci().outputFile(), ci().stepSummaryFile()),
            getLog()::info,
            processEnvironment());
    ReleaseDelivery.deliver(
        session, prepared, pushAtEnd, publisher, getLog()::info, getLog()::warn);
  }
}
