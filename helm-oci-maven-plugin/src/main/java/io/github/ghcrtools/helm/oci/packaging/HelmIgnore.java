package io.github.ghcrtools.helm.oci.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules of a chart's {@code .helmignore}, evaluated the way Helm's {@code pkg/ignore} does so
 * that the packaged chart holds exactly the files {@code helm package} would put in it.
 *
 * <p>Per line: blank lines and {@code #} comments are skipped, surrounding spaces trimmed; a
 * trailing {@code /} matches directories only (an ignored directory drops its whole subtree); a
 * leading {@code /} anchors at the chart root; a pattern without {@code /} is matched against the
 * base name, one with {@code /} against the whole relative path; {@code **} is an error, as in
 * Helm. A leading {@code !} keeps Helm's own semantics: a path that does not match a negated rule
 * is ignored. Helm's default {@code templates/.?*} (dot files in templates/) is always added.
 */
public final class HelmIgnore {

  /** The file name Helm reads in the chart's root directory. */
  public static final String FILE_NAME = ".helmignore";

  private final List<Rule> rules;

  private HelmIgnore(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** Rules of {@code <chartDirectory>/.helmignore} when present, plus Helm's defaults. */
  public static HelmIgnore forChartDirectory(Path chartDirectory) {
    Path file = chartDirectory.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      return parse("", FILE_NAME);
    }
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), FILE_NAME);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /**
   * Parses rules text, then appends Helm's defaults.
   *
   * @param source file name used in error messages
   * @throws InvalidChartException for {@code **} or a malformed glob, naming the line
   */
  public static HelmIgnore parse(String text, String source) {
    List<Rule> rules = new ArrayList<>();
    String[] lines =
        text.startsWith("\uFEFF") ? text.substring(1).split("\\R", -1) : text.split("\\R", -1);
    for (int n = 0; n < lines.length; n++) {
      parseRule(lines[n], source + " line " + (n + 1)).ifPresent(rules::add);
    }
    parseRule("templates/.?*", "Helm's default ignore rule").ifPresent(rules::add);
    return new HelmIgnore(rules);
  }

  /**
   * Whether Helm leaves this path out of the package.
   *
   * @param path path relative to the chart root, {@code /}-separated
   * @param directory whether the path is a directory
   */
  public boolean ignores(String path, boolean directory) {
    if (path.isEmpty() || path.equals(".") || path.equals("./")) {
      return false;
    }
    for (Rule rule : rules) {
      if (rule.negate()) {
        if (rule.directoryOnly() && !directory) {
          return true;
        }
        if (!rule.matches(path)) {
          return true;
        }
        continue;
      }
      if (rule.directoryOnly() && !directory) {
        continue;
      }
      if (rule.matches(path)) {
        return true;
      }
    }
    return false;
  }

  private static Optional<Rule> parseRule(String line, String where) {
    String rule = line.strip();
    if (rule.isEmpty() || rule.startsWith("#")) {
      return Optional.empty();
    }
    if (rule.contains("**")) {
      throw new InvalidChartException(
          where
              + ": '"
              + rule
              + "' uses '**', which Helm's .helmignore does not support; use a pattern per directory level");
    }
    boolean negate = rule.startsWith("!");
    if (negate) {
      rule = rule.substring(1);
    }
    boolean directoryOnly = rule.endsWith("/");
    if (directoryOnly) {
      rule = rule.substring(0, rule.length() - 1);
    }
    boolean anchored = rule.startsWith("/");
    if (anchored) {
      rule = rule.substring(1);
    }
    boolean baseNameOnly = !anchored && !rule.contains("/");
    try {
      return Optional.of(new Rule(GoGlob.compile(rule), negate, directoryOnly, baseNameOnly));
    } catch (IllegalArgumentException e) {
      throw new InvalidChartException(
          where + ": " + e.getMessage() + "; fix the glob (Go filepath.Match syntax)");
    }
  }

  private record Rule(Pattern glob, boolean negate, boolean directoryOnly, boolean baseNameOnly) {
    boolean matches(String path) {
      String subject = baseNameOnly ? path.substring(path.lastIndexOf('/') + 1) : path;
      return glob.matcher(subject).matches();
    }
  }
}
