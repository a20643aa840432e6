package io.github.ghcrtools.core.ci;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What GitHub Actions tells the build about the run, read once from the environment map so that the
 * trust decision and the labels are testable without a real runner. Blank variables count as
 * absent; absent values are {@code null}.
 *
 * @param githubActions GITHUB_ACTIONS is "true"
 * @param eventName GITHUB_EVENT_NAME
 * @param ref GITHUB_REF
 * @param refName GITHUB_REF_NAME
 * @param refType GITHUB_REF_TYPE ("branch" or "tag")
 * @param refProtected GITHUB_REF_PROTECTED is "true"
 * @param commitSha GITHUB_SHA
 * @param repository GITHUB_REPOSITORY ("owner/name")
 * @param repositoryOwner GITHUB_REPOSITORY_OWNER
 * @param serverUrl GITHUB_SERVER_URL
 * @param runId GITHUB_RUN_ID
 * @param actor GITHUB_ACTOR
 * @param outputPath GITHUB_OUTPUT
 * @param stepSummaryPath GITHUB_STEP_SUMMARY
 */
public record CiContext(
    boolean githubActions,
    String eventName,
    String ref,
    String refName,
    String refType,
    boolean refProtected,
    String commitSha,
    String repository,
    String repositoryOwner,
    String serverUrl,
    String runId,
    String actor,
    String outputPath,
    String stepSummaryPath) {

  /** The property a user sets to push from outside GitHub Actions. */
  public static final String ALLOW_LOCAL_PUSH_PROPERTY = "ghcr.allowLocalPush";

  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{7,}");

  public static CiContext from(Map<String, String> env) {
    return new CiContext(
        "true".equalsIgnoreCase(get(env, "GITHUB_ACTIONS")),
        get(env, "GITHUB_EVENT_NAME"),
        get(env, "GITHUB_REF"),
        get(env, "GITHUB_REF_NAME"),
        get(env, "GITHUB_REF_TYPE"),
        "true".equalsIgnoreCase(get(env, "GITHUB_REF_PROTECTED")),
        get(env, "GITHUB_SHA"),
        get(env, "GITHUB_REPOSITORY"),
        get(env, "GITHUB_REPOSITORY_OWNER"),
        get(env, "GITHUB_SERVER_URL"),
        get(env, "GITHUB_RUN_ID"),
        get(env, "GITHUB_ACTOR"),
        get(env, "GITHUB_OUTPUT"),
        get(env, "GITHUB_STEP_SUMMARY"));
  }

  private static String get(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  public boolean inGitHubActions() {
    return githubActions;
  }

  public Optional<String> sha() {
    return Optional.ofNullable(commitSha);
  }

  /** The first 7 hex digits of the commit, as docker/metadata-action's {@code sha-} tags use. */
  public Optional<String> shortSha() {
    return sha()
        .filter(s -> HEX.matcher(s).matches())
        .map(s -> s.substring(0, 7).toLowerCase(Locale.ROOT));
  }

  /** {@code <server>/<owner>/<repo>}, for the {@code org.opencontainers.image.source} label. */
  public Optional<String> sourceUrl() {
    if (repository == null) {
      return Optional.empty();
    }
    String server = serverUrl == null ? "https://github.com" : serverUrl;
    return Optional.of((server.endsWith("/") ? server : server + "/") + repository);
  }

  public Optional<Path> outputFile() {
    return Optional.ofNullable(outputPath).map(Path::of);
  }

  public Optional<Path> stepSummaryFile() {
    return Optional.ofNullable(stepSummaryPath).map(Path::of);
  }

  /**
   * Trusted: a push of a tag or to a protected branch, {@code workflow_dispatch}, {@code release}.
   * Pull-request events never are, whatever {@code allowLocalPush} says: their code is not reviewed
   * yet. Outside GitHub Actions only an explicit {@code allowLocalPush} trusts the run.
   */
  public TrustedRef trust(boolean allowLocalPush) {
    if (!githubActions) {
      return allowLocalPush
          ? TrustedRef.trusted("local build with -D" + ALLOW_LOCAL_PUSH_PROPERTY + "=true")
          : TrustedRef.untrusted(
              "not in GitHub Actions; set -D"
                  + ALLOW_LOCAL_PUSH_PROPERTY
                  + "=true to push from a local build");
    }
    if (eventName == null) {
      return TrustedRef.untrusted("GITHUB_EVENT_NAME is not set, so the event cannot be trusted");
    }
    String refText = refName != null ? refName : ref != null ? ref : "(unknown ref)";
    return switch (eventName) {
      case "pull_request", "pull_request_target" ->
          TrustedRef.untrusted(
              eventName + " events never push (GITHUB_EVENT_NAME=" + eventName + ")");
      case "push" -> pushTrust(refText);
      case "workflow_dispatch" -> TrustedRef.trusted("manual workflow_dispatch run on " + refText);
      case "release" -> TrustedRef.trusted("release " + refText);
      default ->
          TrustedRef.untrusted(
              "event "
                  + eventName
                  + " is not trusted; only pushes of tags or to"
                  + " protected branches, workflow_dispatch and release publish");
    };
  }

  private TrustedRef pushTrust(String refText) {
    if ("tag".equals(refType)) {
      return TrustedRef.trusted("tag push " + refText);
    }
    if (refProtected) {
      return TrustedRef.trusted("push to protected branch " + refText);
    }
    return TrustedRef.untrusted(
        "push to unprotected branch "
            + refText
            + " is not trusted; protect the branch or push a tag to publish (GITHUB_REF_PROTECTED is not true)");
  }
}
