package io.github.ghcrtools.core.policy;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Grammar of GHCR references (OCI distribution spec, restricted to ghcr.io), kept apart from {@link
 * RegistryPolicy} so that the record constructor and the public parser share one set of rules and
 * one wording of every refusal.
 */
final class References {

  static final String HOST = GhcrReference.REGISTRY;

  /**
   * {@code a} and {@code b} are one name in ASCII, letters in any case. Java's case-insensitive
   * comparison alone folds some other letters onto ASCII ones ({@code ghcr.ıo}, with a dotless i,
   * would pass for {@code ghcr.io}), and such a name resolves elsewhere.
   */
  static boolean sameAsciiName(String a, String b) {
    return a.chars().allMatch(c -> c < 0x80) && a.equalsIgnoreCase(b);
  }

  static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
  static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
  private static final Pattern ANY_DIGEST =
      Pattern.compile("([A-Za-z0-9]+)(?:[+._-][A-Za-z0-9]+)*:.+");

  /** Common client limit for {@code host/name}; GHCR follows it. */
  static final int MAX_NAME_LENGTH = 255;

  private static final String TAG_RULE =
      "use 1 to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'";
  private static final String DIGEST_RULE = "use 'sha256:' followed by 64 lowercase hex characters";
  private static final String COMPONENT_RULE =
      "use lowercase letters and digits, separated by '.', '_', '__' or '-'";

  private References() {}

  static PolicyViolationException violation(
      String subject, String input, String problem, String fix) {
    return new PolicyViolationException(
        subject + (input == null ? "" : " ('" + input + "')") + ": " + problem + "; " + fix + ".");
  }

  static String parameter(String name) {
    return "Parameter '" + name + "'";
  }

  static GhcrReference parse(String reference, String parameterName) {
    String subject = parameter(parameterName);
    String ref = reference == null ? "" : reference.strip();
    if (ref.isEmpty()) {
      throw violation(
          subject, null, "reference is empty", "set it to ghcr.io/<owner>/<path>:<tag>");
    }
    String scheme = null;
    String rest = ref;
    int schemeEnd = ref.indexOf("://");
    if (schemeEnd >= 0) {
      scheme = ref.substring(0, schemeEnd);
      rest = ref.substring(schemeEnd + 3);
    }
    String lowerScheme = scheme == null ? null : scheme.toLowerCase(Locale.ROOT);
    String fixPrefix = HOST + "/";
    String schemeText = scheme == null ? "" : scheme + "://";

    int userInfoEnd = userInfoEnd(rest);
    if (userInfoEnd >= 0) {
      // Never echo what precedes that '@': it is a user name and maybe a token.
      String afterUserInfo = rest.substring(userInfoEnd + 1);
      int pathStart = afterUserInfo.indexOf('/');
      String pathAfter = pathStart < 0 ? "" : afterUserInfo.substring(pathStart + 1);
      throw violation(
          subject,
          schemeText + "***@" + afterUserInfo,
          "user-info before the host is refused",
          "credentials never go into a reference: write '"
              + fixPrefix
              + (pathAfter.isEmpty() ? "<owner>/<name>:<tag>" : pathAfter)
              + "' and use the settings.xml server 'ghcr.io' or env GHCR_TOKEN");
    }
    int slash = rest.indexOf('/');
    String hostPart = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "" : rest.substring(slash + 1);
    boolean hostGiven = slash >= 0 ? looksLikeHost(hostPart) : isBareHost(rest);
    String pathForFix =
        hostGiven
            ? (slash < 0 ? "<owner>/<name>:<tag>" : path)
            : (rest.contains("/") ? rest : "<owner>/" + rest);
    if (lowerScheme != null) {
      if (lowerScheme.equals("http")) {
        throw violation(
            subject,
            ref,
            "plain http is refused",
            "ghcr.io is only reached over https: write '" + fixPrefix + pathForFix + "'");
      }
      if (!lowerScheme.equals("https")) {
        throw violation(
            subject,
            ref,
            "scheme '" + schemeText + "' is not supported",
            "write '" + fixPrefix + pathForFix + "'");
      }
    }
    if (!hostGiven) {
      throw violation(
          subject, ref, "registry host is missing", "write '" + fixPrefix + pathForFix + "'");
    }
    int colon = hostPart.indexOf(':');
    String hostName = colon < 0 ? hostPart : hostPart.substring(0, colon);
    if (!GhcrReference.isRegistryHost(hostName)) {
      throw violation(
          subject,
          ref,
          "registry '" + hostPart + "' is refused, only ghcr.io is allowed",
          "write '" + fixPrefix + pathForFix + "'");
    }
    if (colon >= 0) {
      throw violation(
          subject,
          ref,
          "port '" + hostPart.substring(colon + 1) + "' is refused",
          "ghcr.io is only reached on the default https port: write '"
              + fixPrefix
              + pathForFix
              + "'");
    }

    String name = path;
    String tag = null;
    String digest = null;
    int digestAt = name.indexOf('@');
    if (digestAt >= 0) {
      digest = name.substring(digestAt + 1);
      name = name.substring(0, digestAt);
    }
    int tagColon = name.lastIndexOf(':');
    if (tagColon > name.lastIndexOf('/')) {
      tag = name.substring(tagColon + 1);
      name = name.substring(0, tagColon);
    }
    String suffix = (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    checkRepository(subject, ref, name, repo -> fixPrefix + repo + suffix);
    if (tag != null) {
      checkTag(subject, ref, tag);
    }
    if (digest != null) {
      checkDigest(subject, ref, digest);
    }
    return new GhcrReference(name, tag, digest);
  }

  /**
   * The last '@' followed by something host-like ({@code user:token@ghcr.io/...}), else an '@'
   * before the first '/', else -1. A digest's '@' is followed by {@code sha256:...}, which is not
   * host-like. Taking the last such '@' keeps a token containing '@' or '/' out of the message.
   */
  private static int userInfoEnd(String rest) {
    for (int at = rest.lastIndexOf('@'); at >= 0; at = rest.lastIndexOf('@', at - 1)) {
      String after = rest.substring(at + 1);
      int end = after.length();
      for (char stop : new char[] {'/', ':', '@'}) {
        int i = after.indexOf(stop);
        if (i >= 0 && i < end) {
          end = i;
        }
      }
      String host = after.substring(0, end);
      if (host.contains(".") || host.equalsIgnoreCase("localhost")) {
        return at;
      }
      if (at == 0) {
        break;
      }
    }
    // An '@' before the first '/' is user-info even when the host after it is not host-like.
    int slash = rest.indexOf('/');
    return slash > 0 ? rest.lastIndexOf('@', slash - 1) : -1;
  }

  /** Docker's rule for telling a registry host from a first path segment. */
  private static boolean looksLikeHost(String segment) {
    return segment.contains(".") || segment.contains(":") || segment.equalsIgnoreCase("localhost");
  }

  /** Without a '/', "ghcr.io" or "localhost:5000" is a host but "api:1.0" is a name with a tag. */
  private static boolean isBareHost(String text) {
    int colon = text.indexOf(':');
    String name = colon < 0 ? text : text.substring(0, colon);
    String port = colon < 0 ? "" : text.substring(colon + 1);
    return (name.contains(".") || name.equalsIgnoreCase("localhost"))
        && port.chars().allMatch(Character::isDigit);
  }

  static void checkRepository(String subject, String input, String repository) {
    checkRepository(subject, input, repository, UnaryOperator.identity());
  }

  /**
   * @param rebuild turns a corrected repository path into the corrected form of the whole input, so
   *     that the fix in a message can be copied as is
   */
  static void checkRepository(
      String subject, String input, String repository, UnaryOperator<String> rebuild) {
    checkPath(subject, input, "repository", repository, rebuild, true);
    int length = HOST.length() + 1 + repository.length();
    if (length > MAX_NAME_LENGTH) {
      throw violation(
          subject,
          input,
          "repository name is "
              + length
              + " characters long, over the "
              + MAX_NAME_LENGTH
              + " allowed",
          "shorten the path");
    }
  }

  static void checkPath(
      String subject,
      String input,
      String what,
      String path,
      UnaryOperator<String> rebuild,
      boolean requireOwner) {
    String[] segments = path.split("/", -1);
    String collapsed =
        Arrays.stream(segments).filter(s -> !s.isEmpty()).collect(Collectors.joining("/"));
    if (collapsed.isEmpty()) {
      throw violation(
          subject,
          input,
          (what.equals("repository") ? "repository path" : what) + " is missing",
          "write '" + rebuild.apply(requireOwner ? "<owner>/<name>" : "<name>") + "'");
    }
    if (!collapsed.equals(path)) {
      throw violation(
          subject,
          input,
          what + " '" + path + "' has an empty path segment",
          "remove the extra '/': write '" + rebuild.apply(collapsed) + "'");
    }
    if (requireOwner && segments.length == 1) {
      throw violation(
          subject,
          input,
          what + " '" + path + "' has no owner",
          "GHCR paths start with the owner: write '" + rebuild.apply("<owner>/" + path) + "'");
    }
    for (String segment : segments) {
      if (!COMPONENT.matcher(segment.toLowerCase(Locale.ROOT)).matches()) {
        throw violation(
            subject, input, "path component '" + segment + "' is invalid", COMPONENT_RULE);
      }
    }
    String lower = path.toLowerCase(Locale.ROOT);
    if (!lower.equals(path)) {
      throw violation(
          subject,
          input,
          what + " '" + path + "' has uppercase letters",
          "GHCR requires lowercase: write '" + rebuild.apply(lower) + "'");
    }
  }

  static void checkComponent(String subject, String what, String value) {
    if (value == null || value.isBlank()) {
      throw violation(subject, null, what + " is empty", COMPONENT_RULE);
    }
    String lower = value.toLowerCase(Locale.ROOT);
    if (!COMPONENT.matcher(lower).matches()) {
      throw violation(subject, null, what + " '" + value + "' is invalid", COMPONENT_RULE);
    }
    if (!lower.equals(value)) {
      throw violation(
          subject,
          null,
          what + " '" + value + "' has uppercase letters",
          "GHCR requires lowercase: write '" + lower + "'");
    }
  }

  static void checkTag(String subject, String input, String tag) {
    if (tag.isEmpty()) {
      throw violation(subject, input, "tag is empty", TAG_RULE);
    }
    if (TAG.matcher(tag).matches()) {
      return;
    }
    if (tag.length() > 128) {
      throw violation(
          subject, input, "tag is " + tag.length() + " characters long", "use at most 128");
    }
    String helmForm = tag.replace('+', '_');
    if (!helmForm.equals(tag) && TAG.matcher(helmForm).matches()) {
      throw violation(
          subject,
          input,
          "tag '" + tag + "' is invalid",
          "'+' is not allowed in OCI tags: write '" + helmForm + "' as Helm does");
    }
    throw violation(subject, input, "tag '" + tag + "' is invalid", TAG_RULE);
  }

  static void checkDigest(String subject, String input, String digest) {
    if (digest.isEmpty()) {
      throw violation(subject, input, "digest is empty", DIGEST_RULE);
    }
    if (DIGEST.matcher(digest).matches()) {
      return;
    }
    String lower = digest.toLowerCase(Locale.ROOT);
    if (DIGEST.matcher(lower).matches()) {
      throw violation(
          subject, input, "digest '" + digest + "' has uppercase letters", "write '" + lower + "'");
    }
    var algorithm = ANY_DIGEST.matcher(digest);
    if (algorithm.matches() && !algorithm.group(1).equalsIgnoreCase("sha256")) {
      throw violation(
          subject,
          input,
          "digest algorithm '" + algorithm.group(1) + "' is not supported",
          "GHCR addresses content by sha256: use the sha256 digest");
    }
    throw violation(subject, input, "digest '" + digest + "' is invalid", DIGEST_RULE);
  }
}
