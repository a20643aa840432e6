package io.github.ghcrtools.publish.artifact;

import io.github.ghcrtools.core.failure.UserError;
import java.util.regex.Pattern;

/**
 * Checks a media type as OCI descriptors carry it: {@code type/subtype}, each an RFC 6838 name
 * (letters, digits and {@code !#$&^_.+-}, starting with a letter or digit, at most 127 characters),
 * so {@code application/vnd.acme.bundle.v1+tar} passes and {@code json}, {@code text/plain;
 * charset=utf-8} or {@code application/} do not.
 */
final class MediaTypes {

  private static final String NAME = "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}";
  private static final Pattern MEDIA_TYPE = Pattern.compile(NAME + "/" + NAME);

  private MediaTypes() {}

  /**
   * @param subject what the value is, for the message ({@code Parameter 'artifactType'})
   * @param parameter the parameter to change
   * @param example a value that would fit there
   * @return the value, stripped
   * @throws UserError naming the parameter when the value is missing or malformed
   */
  static String check(String value, String subject, String parameter, String example) {
    String text = value == null ? "" : value.strip();
    if (!MEDIA_TYPE.matcher(text).matches()) {
      throw new UserError(
          subject
              + " is "
              + (text.isEmpty() ? "missing" : "'" + text + "'")
              + ": give a media type type/subtype[+suffix], e.g. "
              + example
              + ".",
          parameter,
          null);
    }
    return text;
  }
}
