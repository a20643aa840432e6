package io.github.ghcrtools.helm.oci.packaging;

import io.github.ghcrtools.core.ci.CiContext;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The unique chart version a SNAPSHOT gets when GitHub Actions builds it, so that continuous
 * deployment from a branch can publish twice in a row: a published chart version is immutable, and
 * {@code 0.2.0-SNAPSHOT} would be the same version for every commit.
 *
 * <p>The rule, applied to the chart version that would be packaged (the {@code version} parameter,
 * else {@code Chart.yaml}'s {@code version}):
 *
 * <ul>
 *   <li>Only a SemVer 2 version whose pre-release is exactly {@code SNAPSHOT} changes, e.g. {@code
 *       0.2.0-SNAPSHOT} or {@code 0.2.0-SNAPSHOT+build.1}; a release (and any other pre-release,
 *       such as {@code 0.2.0-rc.1}) is never changed.
 *   <li>Only in GitHub Actions ({@code GITHUB_ACTIONS=true}) with {@code GITHUB_SHA} set to a
 *       commit id (at least 7 hex digits). Elsewhere (a local build) the version stays as it is.
 *   <li>The pre-release {@code SNAPSHOT} is replaced by {@code <branch>.<commit>}, build metadata
 *       is kept: {@code 0.2.0-SNAPSHOT+build.1} on {@code main} at {@code 3f2a9c1…} becomes {@code
 *       0.2.0-main.3f2a9c1+build.1}.
 *   <li>{@code <branch>}: {@code GITHUB_REF_NAME} when {@code GITHUB_REF_TYPE} is {@code branch}
 *       and the run is not for a pull request; for a tag ref, a pull request ({@code
 *       GITHUB_EVENT_NAME} {@code pull_request}/{@code pull_request_target}, or {@code
 *       GITHUB_HEAD_REF} set) or an unknown ref type: {@code GITHUB_HEAD_REF} if set, else {@code
 *       build}. The name is lowercased, every character outside {@code [0-9a-z-]} becomes {@code
 *       -}, runs of {@code -} collapse to one, leading and trailing {@code -} are removed, the
 *       result is cut to 20 characters (and a {@code -} the cut leaves at the end is removed), and
 *       an empty result is {@code build}. So {@code feature/ABC_12} becomes {@code feature-abc-12}.
 *       A name that is then all digits with a leading zero (not a valid SemVer identifier) is
 *       prefixed with {@code b} (and cut to 20 again).
 *   <li>{@code <commit>}: the first 7 hex digits of {@code GITHUB_SHA}, lowercased. When they are
 *       all digits with a leading zero (not a valid SemVer identifier) they are prefixed with
 *       {@code g}, as {@code git describe} writes {@code g<sha>}: commit {@code 0123456…} on {@code
 *       main} gives {@code 0.2.0-main.g0123456}.
 * </ul>
 *
 * @param original the version before, e.g. {@code 0.2.0-SNAPSHOT}
 * @param version the version packaged, e.g. {@code 0.2.0-main.g0123456}
 * @param branch the branch identifier used, e.g. {@code main}
 * @param commit the 7 hex digits of the commit, e.g. {@code 0123456} (without a {@code g})
 */
public record SnapshotVersion(String original, String version, String branch, String commit) {

  /** The pre-release that marks a snapshot; matched exactly (case-sensitive). */
  static final String SNAPSHOT = "SNAPSHOT";

  /** Longest branch identifier. */
  static final int MAX_BRANCH_LENGTH = 20;

  /** Branch identifier when there is no usable branch name. */
  static final String FALLBACK_BRANCH = "build";

  private static final Pattern NUMERIC_WITH_LEADING_ZERO = Pattern.compile("0[0-9]+");

  /**
   * The unique version for {@code version} in the CI run described by {@code environment}, or empty
   * when the version is packaged as it is (not a SNAPSHOT, or not a GitHub Actions run with a
   * commit).
   */
  public static Optional<SnapshotVersion> resolve(String version, Map<String, String> environment) {
    Matcher semver = ChartValidator.SEMVER.matcher(version);
    if (!semver.matches() || !SNAPSHOT.equals(semver.group(4))) {
      return Optional.empty();
    }
    CiContext ci = CiContext.from(environment);
    if (!ci.inGitHubActions()) {
      return Optional.empty();
    }
    Optional<String> sha = ci.shortSha();
    if (sha.isEmpty()) {
      return Optional.empty();
    }
    String branch = branchIdentifier(branchName(ci, environment));
    String commit = sha.get();
    String core = semver.group(1) + "." + semver.group(2) + "." + semver.group(3);
    String build = semver.group(5) == null ? "" : "+" + semver.group(5);
    String unique = core + "-" + branch + "." + commitIdentifier(commit) + build;
    if (!ChartValidator.SEMVER.matcher(unique).matches()) {
      throw new IllegalStateException(
          "Snapshot version " + unique + " for " + version + " is not SemVer 2");
    }
    return Optional.of(new SnapshotVersion(version, unique, branch, commit));
  }

  /** The line the build logs when a snapshot is renamed. */
  public String describe() {
    return "Chart version "
        + original
        + " is a snapshot: packaged as "
        + version
        + " (branch "
        + branch
        + ", commit "
        + commit
        + ")";
  }

  /** The raw branch name the rule starts from, before {@link #branchIdentifier(String)}. */
  static String branchName(CiContext ci, Map<String, String> environment) {
    String headRef = blankToNull(environment.get("GITHUB_HEAD_REF"));
    boolean pullRequest =
        headRef != null
            || "pull_request".equals(ci.eventName())
            || "pull_request_target".equals(ci.eventName());
    if (!pullRequest && "branch".equals(ci.refType()) && ci.refName() != null) {
      return ci.refName();
    }
    return headRef != null ? headRef : FALLBACK_BRANCH;
  }

  /** A branch name as a valid SemVer pre-release identifier of at most 20 characters. */
  static String branchIdentifier(String name) {
    String id =
        (name == null ? "" : name)
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^0-9a-z-]", "-")
            .replaceAll("-{2,}", "-")
            .replaceAll("^-+|-+$", "");
    id = cut(id);
    if (id.isEmpty()) {
      return FALLBACK_BRANCH;
    }
    if (NUMERIC_WITH_LEADING_ZERO.matcher(id).matches()) {
      id = cut("b" + id);
    }
    return id;
  }

  /**
   * Seven lowercase hex digits as a valid SemVer identifier: {@code g}-prefixed when numeric with a
   * leading zero.
   */
  static String commitIdentifier(String sha7) {
    return NUMERIC_WITH_LEADING_ZERO.matcher(sha7).matches() ? "g" + sha7 : sha7;
  }

  private static String cut(String id) {
    return id.length() <= MAX_BRANCH_LENGTH
        ? id
        : id.substring(0, MAX_BRANCH_LENGTH).replaceAll("-+$", "");
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
