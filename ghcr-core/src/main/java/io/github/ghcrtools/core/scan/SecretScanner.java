package io.github.ghcrtools.core.scan;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Scans the files of one artifact, each under the path it has inside the artifact, and collects
 * what {@link TextScanner} finds. Jars and zips are opened and their entries scanned as {@code
 * outer.jar!/entry} (a jar inside a jar too, one level); a file with a NUL byte in its first
 * {@value #SNIFF} bytes is binary and skipped, except a class file, whose printable strings (its
 * constants) are scanned. Class files inside jars are skipped by name without being inflated: they
 * are a dependency's code, and reading them all would cost more than the build. Everything streams:
 * no file is held in memory.
 */
public final class SecretScanner {

  /** Bytes read to tell text from binary. */
  static final int SNIFF = 8 * 1024;

  /** Archives inside archives are opened down to this depth (0: the file itself). */
  private static final int ARCHIVE_DEPTH = 1;

  private final String artifact;
  private final TextScanner text;
  private final Map<String, SecretFinding> findings = new LinkedHashMap<>();
  private long files;
  private long entries;
  private long binaries;
  private long bytes;
  private boolean classesInArchives;

  /**
   * @param artifact the image or chart as messages name it, e.g. {@code image pytoya/api}
   */
  public SecretScanner(String artifact, KnownSecrets known) {
    this.artifact = artifact;
    this.text = new TextScanner(known);
  }

  /**
   * A file on disk whose archive entries' class files are read too (for their string constants): a
   * snapshot or reactor module jar is the project's own code, where a pasted token would be.
   */
  public void scanOwnFile(String path, Path file) throws IOException {
    classesInArchives = true;
    try {
      scanFile(path, file);
    } finally {
      classesInArchives = false;
    }
  }

  /**
   * A file on disk, shown as {@code path}; an archive (by name) is opened. Class files in archives
   * are skipped (a released library's classes are many and not this project's to fix).
   */
  public void scanFile(String path, Path file) throws IOException {
    files++;
    if (isArchive(path)) {
      ZipFile zip;
      try {
        zip = new ZipFile(file.toFile());
      } catch (ZipException e) {
        zip = null; // not a zip after all: sniffed like any other file below
      }
      if (zip != null) {
        try (ZipFile open = zip) {
          scanZip(path, open); // a corrupt entry fails the scan rather than hiding the jar
          return;
        }
      }
    }
    try (InputStream in = Files.newInputStream(file)) {
      scanContent(path, in, 0);
    }
  }

  /**
   * One stream, shown as {@code path}; an archive (by name) is read entry by entry. The stream is
   * read to its end and left open (it may be an entry of an archive the caller reads on).
   */
  public void scan(String path, InputStream in) throws IOException {
    files++;
    scanContent(path, new Unclosable(in), 0);
  }

  /** A piece of text that is no file (an image's environment, say), shown as {@code path}. */
  public void scanText(String path, String content) throws IOException {
    scan(path, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
  }

  /** What was found, each secret once per file and line, in the order found. */
  public List<SecretFinding> findings() {
    return List.copyOf(findings.values());
  }

  /** Counts for the log: files, archive entries, binaries skipped, bytes scanned. */
  public String summary() {
    return files
        + " files, "
        + entries
        + " archive entries, "
        + binaries
        + " binaries skipped, "
        + bytes / 1024
        + " KiB scanned";
  }

  private void scanZip(String path, ZipFile zip) throws IOException {
    Enumeration<? extends ZipEntry> all = zip.entries();
    while (all.hasMoreElements()) {
      ZipEntry entry = all.nextElement();
      if (!skipped(entry)) {
        entries++;
        try (InputStream in = zip.getInputStream(entry)) {
          scanContent(path + "!/" + entry.getName(), in, 1);
        }
      }
    }
  }

  private void scanContent(String path, InputStream in, int depth) throws IOException {
    if (depth <= ARCHIVE_DEPTH && isArchive(path)) {
      byte[] head = in.readNBytes(4);
      InputStream whole = new SequenceInputStream(new ByteArrayInputStream(head), in);
      if (head.length == 4 && head[0] == 'P' && head[1] == 'K') {
        ZipInputStream zip = new ZipInputStream(whole);
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
          if (!skipped(entry)) {
            entries++;
            scanContent(path + "!/" + entry.getName(), new Unclosable(zip), depth + 1);
          }
        }
        return;
      }
      in = whole;
    }
    byte[] head = in.readNBytes(SNIFF);
    InputStream whole = new SequenceInputStream(new ByteArrayInputStream(head), in);
    if (indexOfNul(head) < 0) {
      bytes += text.scan(whole, true, sink(path), keys(path));
    } else if (path.endsWith(".class")) {
      bytes += text.scan(new PrintableOnly(whole), false, sink(path), keys(path));
    } else {
      binaries++;
    }
  }

  private TextScanner.Sink sink(String path) {
    return (line, rule, secret, known) ->
        add(SecretFinding.of(artifact, path, line, rule, secret, known));
  }

  private TextScanner.KeySink keys(String path) {
    return (line, masked, fingerprint) ->
        add(
            new SecretFinding(
                artifact, path, line, SecretRule.PRIVATE_KEY, masked, fingerprint, false));
  }

  /** One finding per file, line and secret; a known secret wins over the shape it also has. */
  private void add(SecretFinding finding) {
    String key = finding.path() + "\n" + finding.line() + "\n" + finding.fingerprint();
    SecretFinding earlier = findings.get(key);
    if (earlier == null || (finding.known() && !earlier.known())) {
      findings.put(key, finding);
    }
  }

  private boolean skipped(ZipEntry entry) {
    return entry.isDirectory() || (!classesInArchives && entry.getName().endsWith(".class"));
  }

  static boolean isArchive(String path) {
    String name = path.toLowerCase(Locale.ROOT);
    return name.endsWith(".jar")
        || name.endsWith(".zip")
        || name.endsWith(".war")
        || name.endsWith(".ear");
  }

  private static int indexOfNul(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  /** A zip entry's stream that leaves the archive open when the entry's scan is done. */
  private static final class Unclosable extends FilterInputStream {
    Unclosable(InputStream in) {
      super(in);
    }

    @Override
    public void close() {}
  }

  /**
   * A binary's printable ASCII, every other byte a line break: the strings of a class file's
   * constant pool, as {@code strings} shows them.
   */
  private static final class PrintableOnly extends FilterInputStream {
    PrintableOnly(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      return b < 0 ? b : printable(b);
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      for (int i = offset; i < offset + n; i++) {
        buffer[i] = (byte) printable(buffer[i] & 0xFF);
      }
      return n;
    }

    private static int printable(int b) {
      return b >= 0x20 && b < 0x7F ? b : '\n';
    }
  }
}
