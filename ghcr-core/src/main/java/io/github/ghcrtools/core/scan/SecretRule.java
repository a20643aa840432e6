package io.github.ghcrtools.core.scan;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The token shapes the scan looks for, each with a literal anchor so that a line without it costs
 * one {@code indexOf} and no regular expression. The patterns are deliberately narrow (a prefix, a
 * length, a character set, no word character around): a scan that cries wolf gets switched off.
 * Private key blocks are not here: they span lines and are followed by {@link PemBlocks}.
 */
enum SecretRule {
  GITHUB_TOKEN(
      "github-token",
      List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
      "(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36,251}(?![A-Za-z0-9_])"),
  GITHUB_FINE_GRAINED_TOKEN(
      "github-token",
      List.of("github_pat_"),
      "(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}(?![A-Za-z0-9_])"),
  AWS_ACCESS_KEY(
      "aws-access-key",
      List.of("AKIA", "ASIA"),
      "(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])"),
  SLACK_TOKEN(
      "slack-token",
      List.of("xox"),
      "(?<![A-Za-z0-9])xox[baprs]-[0-9]{8,13}-[A-Za-z0-9-]{8,240}(?![A-Za-z0-9-])"),
  NPM_TOKEN("npm-token", List.of("npm_"), "(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])");

  /** The rule name of a private key block, as {@link SecretFinding#rule()} shows it. */
  static final String PRIVATE_KEY = "private-key";

  /** The longest match any rule can make; the scan's window overlap is larger. */
  static final int LONGEST_MATCH = 256;

  static final List<SecretRule> ALL = List.of(values());

  private final String label;
  private final List<String> anchors;
  private final Pattern pattern;

  SecretRule(String label, List<String> anchors, String regex) {
    this.label = label;
    this.anchors = anchors;
    this.pattern = Pattern.compile(regex);
  }

  /** The rule as messages and the README name it. */
  String label() {
    return label;
  }

  /** Whether {@code text} holds one of the literals every match starts with. */
  boolean mayMatch(String text) {
    for (String anchor : anchors) {
      if (text.indexOf(anchor) >= 0) {
        return true;
      }
    }
    return false;
  }

  Pattern pattern() {
    return pattern;
  }
}
