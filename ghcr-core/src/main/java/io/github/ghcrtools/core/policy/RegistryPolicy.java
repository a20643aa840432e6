package io.github.ghcrtools.core.policy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The single gate every image, chart and deploy reference passes before any network call: ghcr.io
 * only, https only, lowercase paths, OCI tag and digest syntax. A refusal names the parameter, the
 * offending part and the corrected form, so the user can copy the fix.
 */
public final class RegistryPolicy {

  /** Default folder for charts below the owner: {@code ghcr.io/<owner>/charts/<name>}. */
  public static final String DEFAULT_CHARTS_PREFIX = "charts";

  /** Where the owner comes from when no parameter names it, in this order. */
  private static final List<String> OWNER_VARIABLES =
      List.of("GHCR_OWNER", "GITHUB_REPOSITORY_OWNER");

  private RegistryPolicy() {}

  /** Parses {@code [https://]ghcr.io/owner/path[:tag][@sha256:hex]}; host case-insensitive. */
  public static GhcrReference parseImage(String reference, String parameterName) {
    return References.parse(reference, parameterName);
  }

  /**
   * The package owner: the configured value (must already be lowercase, it is written in the POM),
   * else env {@code GHCR_OWNER}, else {@code GITHUB_REPOSITORY_OWNER}; environment values are
   * lowercased because GitHub reports owners with their display case.
   */
  public static String owner(String configured, Map<String, String> env) {
    if (configured != null && !configured.isBlank()) {
      String owner = configured.strip();
      References.checkComponent(References.parameter("owner"), "owner", owner);
      return owner;
    }
    for (String variable : OWNER_VARIABLES) {
      String value = env.get(variable);
      if (value != null && !value.isBlank()) {
        String owner = value.strip().toLowerCase(Locale.ROOT);
        References.checkComponent("Env " + variable, "owner", owner);
        return owner;
      }
    }
    throw References.violation(
        References.parameter("owner"),
        null,
        "no owner is known",
        "set the 'owner' parameter or env GHCR_OWNER (GitHub Actions sets GITHUB_REPOSITORY_OWNER)");
  }

  /**
   * Whether {@link #owner} has a value to read, from the parameter or the environment (which it may
   * still refuse): goals that only build locally name their output without an owner.
   */
  public static boolean ownerKnown(String configured, Map<String, String> env) {
    return Stream.concat(Stream.of(configured), OWNER_VARIABLES.stream().map(env::get))
        .anyMatch(value -> value != null && !value.isBlank());
  }

  /** Returns the tag when it is a valid OCI tag. */
  public static String tag(String tag, String parameterName) {
    References.checkTag(References.parameter(parameterName), null, tag == null ? "" : tag);
    return tag;
  }

  /** Returns the digest when it is {@code sha256:} and 64 lowercase hex characters. */
  public static String digest(String digest, String parameterName) {
    References.checkDigest(References.parameter(parameterName), null, digest == null ? "" : digest);
    return digest;
  }

  /** {@code ghcr.io/<owner>/<path>}; the path may nest ({@code pytoya/api}). */
  public static GhcrReference image(String owner, String path) {
    return image(owner, path, "image");
  }

  /** As {@link #image(String, String)}, naming {@code parameterName} when the path is refused. */
  public static GhcrReference image(String owner, String path, String parameterName) {
    References.checkComponent(References.parameter("owner"), "owner", owner);
    String subject = References.parameter(parameterName);
    References.checkPath(subject, null, "image path", path == null ? "" : path, p -> p, false);
    String repository = owner + "/" + path;
    References.checkRepository(subject, null, repository);
    return new GhcrReference(repository, null, null);
  }

  /**
   * {@code ghcr.io/<owner>/<chartsPrefix>/<chartName>}; chartsPrefix defaults to {@code charts}.
   */
  public static GhcrReference chart(String owner, String chartsPrefix, String chartName) {
    References.checkComponent(References.parameter("owner"), "owner", owner);
    String prefix =
        chartsPrefix == null || chartsPrefix.isBlank() ? DEFAULT_CHARTS_PREFIX : chartsPrefix;
    References.checkPath(
        References.parameter("chartsPrefix"), null, "charts prefix", prefix, p -> p, false);
    References.checkComponent(References.parameter("chartName"), "chart name", chartName);
    String repository = owner + "/" + prefix + "/" + chartName;
    References.checkRepository(References.parameter("chartName"), null, repository);
    return new GhcrReference(repository, null, null);
  }

  /** The OCI tag for a chart version: Helm replaces '+' (not allowed in tags) with '_'. */
  public static String chartTag(String version) {
    if (version == null || version.isBlank()) {
      throw References.violation(
          References.parameter("version"),
          null,
          "chart version is empty",
          "set 'version' in Chart.yaml");
    }
    return tag(version.replace('+', '_'), "version");
  }
}
