package io.github.ghcrtools.core.ci;

import io.github.ghcrtools.core.failure.UserError;
import java.util.regex.Pattern;

/**
 * A version tag push ({@code v1.2.3}) releases the project's version: when the tag and the version
 * differ, the images would be published under a version nobody tagged. Refused before anything is
 * built, naming both. Tags that are not versions ({@code nightly}) are left alone.
 */
public final class ReleaseTag {

  private static final Pattern VERSION_TAG = Pattern.compile("v?\\d+\\.\\d+\\.\\d+([-+].*)?");

  private ReleaseTag() {}

  /**
   * @throws UserError when a version tag was pushed that is neither {@code v<version>} nor {@code
   *     <version>}
   */
  public static void check(CiContext ci, String projectVersion) {
    if (!"tag".equals(ci.refType()) || ci.refName() == null) {
      return;
    }
    String tag = ci.refName();
    if (!VERSION_TAG.matcher(tag).matches()
        || tag.equals("v" + projectVersion)
        || tag.equals(projectVersion)) {
      return;
    }
    String tagged = tag.startsWith("v") ? tag.substring(1) : tag;
    throw new UserError(
        "The tag push "
            + tag
            + " does not match the project version "
            + projectVersion
            + ": tag the commit v"
            + projectVersion
            + ", or set the project version to "
            + tagged
            + " (e.g. mvn versions:set -DnewVersion="
            + tagged
            + ") before tagging.",
        "version",
        null);
  }
}
