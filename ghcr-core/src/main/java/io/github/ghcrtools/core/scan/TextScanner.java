package io.github.ghcrtools.core.scan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;

/**
 * Scans one text stream line by line in bounded memory: a line longer than the window is scanned in
 * windows that overlap by more than the longest possible match, and a match is reported by the one
 * window in which it starts before the overlap, so nothing is missed, cut or reported twice. Bytes
 * are read as ISO-8859-1 (one char per byte): every token shape is ASCII, a known secret is
 * compared byte for byte, and no input can fail to decode.
 */
final class TextScanner {

  /** Bytes of one window; a line up to this long is scanned whole. */
  static final int WINDOW = 64 * 1024;

  /** What the scanner reports. */
  @FunctionalInterface
  interface Sink {
    /**
     * @param line 1-based line, 0 when the text has no meaningful lines
     * @param secret the match, to be hashed and masked at once
     */
    void found(long line, String rule, String secret, boolean known);
  }

  /** What the scanner reports for a private key block (already hashed). */
  @FunctionalInterface
  interface KeySink {
    void found(long line, String masked, String fingerprint);
  }

  private final KnownSecrets known;
  private final int overlap;
  private final int window;

  /** Reused by every scan (a scanner is used by one thread): most files are small. */
  private final byte[] buffer = new byte[16 * 1024];

  private final byte[] text;

  TextScanner(KnownSecrets known) {
    this.known = known;
    this.overlap = Math.max(4 * 1024, known.longest() + SecretRule.LONGEST_MATCH);
    this.window = Math.max(WINDOW, 4 * overlap);
    this.text = new byte[window];
  }

  int overlap() {
    return overlap;
  }

  int window() {
    return window;
  }

  /**
   * Scans {@code in} to its end.
   *
   * @param numbered false for text pulled out of a binary, whose findings get line 0
   * @return the bytes read
   */
  long scan(InputStream in, boolean numbered, Sink sink, KeySink keys) throws IOException {
    int length = 0;
    long line = 1;
    long total = 0;
    PemBlocks pem = new PemBlocks((l, masked, fp) -> keys.found(numbered ? l : 0, masked, fp));
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      total += n;
      int i = 0;
      while (i < n) {
        int newline = indexOf(buffer, (byte) '\n', i, n);
        int end = newline < 0 ? n : newline;
        while (i < end) {
          if (length == text.length) {
            scanWindow(text, length, numbered ? line : 0, false, pem, sink);
            System.arraycopy(text, length - overlap, text, 0, overlap);
            length = overlap;
          }
          int count = Math.min(text.length - length, end - i);
          System.arraycopy(buffer, i, text, length, count);
          length += count;
          i += count;
        }
        if (newline >= 0) {
          scanWindow(text, length, numbered ? line : 0, true, pem, sink);
          line++;
          length = 0;
          i = newline + 1;
        }
      }
    }
    if (length > 0) {
      scanWindow(text, length, numbered ? line : 0, true, pem, sink);
    }
    pem.end();
    return total;
  }

  /**
   * One window: a whole line ({@code last}), or a part of a long line whose last {@link #overlap}
   * bytes are scanned again, and reported, by the next window.
   */
  private void scanWindow(
      byte[] bytes, int length, long line, boolean last, PemBlocks pem, Sink sink) {
    if (last && length > 0 && bytes[length - 1] == '\r') {
      length--;
    }
    String text = new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    int limit = last ? length : length - overlap;
    for (SecretRule rule : SecretRule.ALL) {
      if (rule.mayMatch(text)) {
        Matcher match = rule.pattern().matcher(text);
        while (match.find() && match.start() < limit) {
          sink.found(line, rule.label(), match.group(), false);
        }
      }
    }
    for (KnownSecrets.Known value : known.values()) {
      for (int at = text.indexOf(value.bytes());
          at >= 0 && at < limit;
          at = text.indexOf(value.bytes(), at + 1)) {
        sink.found(line, "known-secret (" + value.source() + ")", value.bytes(), true);
      }
    }
    pem.window(text, line, limit, last);
  }

  private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }
}
