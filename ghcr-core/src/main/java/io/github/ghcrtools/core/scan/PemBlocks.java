package io.github.ghcrtools.core.scan;

import io.github.ghcrtools.core.registry.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows PEM private key blocks through a text, line by line: a {@code -----BEGIN ... PRIVATE
 * KEY-----} header counts only when base64 follows it (on the next lines, after optional {@code
 * Proc-Type}/{@code DEK-Info} lines, or on the same line as in a JSON string with {@code \n}
 * escapes), so code that merely names the header is not a finding. The fingerprint is the SHA-256
 * of the whole base64 body, so two keys never share one; only a digest is kept, never the body.
 */
final class PemBlocks {

  /** Where a key block was found. */
  @FunctionalInterface
  interface Sink {
    void found(long line, String masked, String fingerprint);
  }

  private static final String BEGIN = "-----BEGIN ";
  private static final Pattern HEADER =
      Pattern.compile(
          "-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----");
  private static final int MIN_FIRST_BODY = 16;
  private static final int MAX_PREAMBLE_LINES = 4;
  private static final int MAX_BODY = 64 * 1024;

  private final Sink sink;
  private Pending pending;

  PemBlocks(Sink sink) {
    this.sink = sink;
  }

  /** A header seen, its body being read. */
  private static final class Pending {
    final long line;
    final MessageDigest sha = Sha256.newDigest();
    String masked;
    int bodyChars;
    int preamble;

    Pending(long line) {
      this.line = line;
    }
  }

  /**
   * One window of a line.
   *
   * @param limit headers starting at or after this offset belong to the next window
   * @param wholeLine the window is a whole line (short lines always are)
   */
  void window(String text, long line, int limit, boolean wholeLine) {
    if (pending != null) {
      if (wholeLine && continues(text)) {
        return;
      }
      close();
    }
    int at = text.indexOf(BEGIN);
    if (at < 0 || at >= limit) {
      return;
    }
    Matcher header = HEADER.matcher(text);
    int from = at;
    while (from < limit && header.find(from) && header.start() < limit) {
      if (!inline(text, header.end(), line)) {
        pending = new Pending(line);
      }
      from = header.end();
    }
  }

  /** The end of the text: a block still open counts if it had a body. */
  void end() {
    close();
  }

  /** Whether the pending block takes this line (preamble, body or end line). */
  private boolean continues(String text) {
    String line = normalized(text);
    Pending block = pending;
    if (line.startsWith("-----END")) {
      close();
      return true;
    }
    if (block.bodyChars == 0 && (line.isEmpty() || line.matches("[A-Za-z-]+:.*"))) {
      return ++block.preamble <= MAX_PREAMBLE_LINES;
    }
    if (isBase64(line) && (block.bodyChars > 0 || line.length() >= MIN_FIRST_BODY)) {
      if (block.masked == null) {
        block.masked = SecretFinding.mask(line);
      }
      block.sha.update(line.getBytes(StandardCharsets.ISO_8859_1));
      block.bodyChars += line.length();
      if (block.bodyChars > MAX_BODY) {
        close();
      }
      return true;
    }
    return false;
  }

  /** Reports the pending block if it had a body, and forgets it. */
  private void close() {
    Pending block = pending;
    pending = null;
    if (block != null && block.bodyChars > 0) {
      sink.found(block.line, block.masked, SecretFinding.fingerprint(block.sha.digest()));
    }
  }

  /**
   * A body on the header's own line ({@code "-----BEGIN PRIVATE KEY-----\nMIIE...\n-----END"}):
   * reported at once. False when the rest of the line holds none.
   */
  private boolean inline(String text, int from, long line) {
    MessageDigest sha = Sha256.newDigest();
    StringBuilder first = new StringBuilder();
    int body = 0;
    int i = from;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (isBase64(c)) {
        sha.update((byte) c);
        if (first.length() < 16) {
          first.append(c);
        }
        body++;
        i++;
      } else if (c == '\\' && i + 1 < text.length() && "nr".indexOf(text.charAt(i + 1)) >= 0) {
        i += 2;
      } else if (Character.isWhitespace(c) || (body == 0 && (c == '"' || c == '\''))) {
        i++;
      } else {
        break;
      }
    }
    if (body < MIN_FIRST_BODY) {
      return false;
    }
    sink.found(line, SecretFinding.mask(first.toString()), SecretFinding.fingerprint(sha.digest()));
    return true;
  }

  /** The line without indentation, quotes, string escapes and continuation marks around it. */
  static String normalized(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && (Character.isWhitespace(text.charAt(start)) || isQuote(text, start))) {
      start++;
    }
    boolean trimmed = true;
    while (trimmed && end > start) {
      trimmed = false;
      char c = text.charAt(end - 1);
      // a '+' is base64 data unless it joins strings in code ("MIIE..." +)
      boolean joins =
          c == '+'
              && end - 2 >= start
              && (Character.isWhitespace(text.charAt(end - 2)) || isQuote(text, end - 2));
      if (Character.isWhitespace(c) || isQuote(text, end - 1) || ",;\\".indexOf(c) >= 0 || joins) {
        end--;
        trimmed = true;
      } else if (end - start >= 2 && text.charAt(end - 2) == '\\' && (c == 'n' || c == 'r')) {
        end -= 2;
        trimmed = true;
      }
    }
    return text.substring(start, end);
  }

  private static boolean isQuote(String text, int i) {
    char c = text.charAt(i);
    return c == '"' || c == '\'';
  }

  private static boolean isBase64(String line) {
    if (line.isEmpty()) {
      return false;
    }
    for (int i = 0; i < line.length(); i++) {
      if (!isBase64(line.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isBase64(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '+'
        || c == '/'
        || c == '=';
  }
}
