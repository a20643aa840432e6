package io.github.ghcrtools.core.scan;

import io.github.ghcrtools.core.failure.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Findings the user has looked at and accepts: by fingerprint ({@code sha256:} and the 12 hex
 * digits the scan shows, or the full 64) or by a glob over the path inside the artifact ({@code *}
 * within one path segment, {@code **} across segments, {@code ?} one character), e.g. {@code
 * /app/resources/test-keys/**} or {@code /app/libs/foo-*.jar!/**}. A known secret of the build (its
 * registry token) is never let through: no one needs to ship the token that publishes the image.
 */
public final class ScanAllowlist {

  private static final Pattern FINGERPRINT =
      Pattern.compile("sha256:[0-9a-f]{12}(?:[0-9a-f]{52})?");

  private final List<String> fingerprints;
  private final List<Pattern> globs;
  private final List<String> entries;

  private ScanAllowlist(List<String> fingerprints, List<Pattern> globs, List<String> entries) {
    this.fingerprints = List.copyOf(fingerprints);
    this.globs = List.copyOf(globs);
    this.entries = List.copyOf(entries);
  }

  public static ScanAllowlist none() {
    return of(List.of(), "secretScanAllowlist");
  }

  /**
   * @param entries the parameter's entries; blank ones are ignored
   * @param property the user property that sets it, named in the error
   * @throws UserError for an entry that looks like a fingerprint but is not one the scan shows
   */
  public static ScanAllowlist of(List<String> entries, String property) {
    List<String> fingerprints = new ArrayList<>();
    List<Pattern> globs = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    for (String raw : entries == null ? List.<String>of() : entries) {
      if (raw == null || raw.isBlank()) {
        continue;
      }
      String entry = raw.strip();
      kept.add(entry);
      if (entry.toLowerCase(Locale.ROOT).startsWith("sha256:")) {
        String fingerprint = entry.toLowerCase(Locale.ROOT);
        if (!FINGERPRINT.matcher(fingerprint).matches()) {
          throw new UserError(
              "Parameter 'secretScanAllowlist' (-D"
                  + property
                  + ") has '"
                  + entry
                  + "': write a fingerprint as the secret scan shows it, sha256: and 12 hex digits,"
                  + " or a path glob such as /app/resources/**/*.pem.",
              "secretScanAllowlist",
              null);
        }
        fingerprints.add(
            fingerprint.substring(0, "sha256:".length() + SecretFinding.FINGERPRINT_HEX));
      } else {
        globs.add(glob(entry));
      }
    }
    return new ScanAllowlist(fingerprints, globs, kept);
  }

  /** Whether the user accepted this finding; never for a known secret of the build. */
  public boolean allows(SecretFinding finding) {
    if (finding.known()) {
      return false;
    }
    if (fingerprints.contains(finding.fingerprint())) {
      return true;
    }
    return globs.stream().anyMatch(g -> g.matcher(finding.path()).matches());
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  @Override
  public String toString() {
    return entries.toString();
  }

  /** {@code **} any characters, {@code *} any but {@code /}, {@code ?} one but {@code /}. */
  static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' || c == '?') {
        if (!literal.isEmpty()) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        if (c == '?') {
          regex.append("[^/]");
        } else if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
          i++;
          boolean dirs = i + 1 < glob.length() && glob.charAt(i + 1) == '/';
          regex.append(dirs ? "(?:.*/)?" : ".*");
          if (dirs) {
            i++;
          }
        } else {
          regex.append("[^/]*");
        }
      } else {
        literal.append(c);
      }
    }
    if (!literal.isEmpty()) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(regex.toString());
  }
}
