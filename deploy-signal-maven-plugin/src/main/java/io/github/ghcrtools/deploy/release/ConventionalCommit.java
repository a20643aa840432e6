package io.github.ghcrtools.deploy.release;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A commit message read as a Conventional Commit ({@code type(scope)!: subject}, with an optional
 * {@code BREAKING CHANGE:} footer), so the notes can group changes the way the team wrote them.
 *
 * @param type the type, lowercased ({@code feat}, {@code fix}, ...)
 * @param scope the scope, or null
 * @param breaking {@code !} after the type or scope, or a {@code BREAKING CHANGE:} footer
 * @param subject the text after {@code ": "}
 */
public record ConventionalCommit(String type, String scope, boolean breaking, String subject) {

  private static final Pattern HEADER =
      Pattern.compile("([A-Za-z]+)(?:\\(([^()\\r\\n]+)\\))?(!)?: (\\S.*)");

  /** A footer line as the specification writes it; {@code BREAKING-CHANGE} is its synonym. */
  private static final Pattern BREAKING_FOOTER = Pattern.compile("(?m)^BREAKING[ -]CHANGE: \\S");

  /** The message read as a Conventional Commit; empty when its first line does not follow it. */
  public static Optional<ConventionalCommit> parse(String message) {
    if (message == null) {
      return Optional.empty();
    }
    String[] lines = message.strip().split("\\R", 2);
    Matcher m = HEADER.matcher(lines[0].strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    String body = lines.length > 1 ? lines[1] : "";
    boolean breaking = m.group(3) != null || BREAKING_FOOTER.matcher(body).find();
    return Optional.of(
        new ConventionalCommit(
            m.group(1).toLowerCase(Locale.ROOT),
            m.group(2) == null ? null : m.group(2).strip(),
            breaking,
            m.group(4).strip()));
  }
}
