package io.github.ghcrtools.core.scan;

import java.util.List;
import java.util.function.Consumer;

/**
 * Decides what the findings of one artifact's scan do, as {@link ScanSettings} say: allowlisted
 * ones are counted and let through; the rest fail the build with one message that lists them and
 * says how to fix it, or, in warn mode, are each logged as a warning. Findings are shown masked, so
 * the message is safe to print in a public CI log.
 */
public final class SecretScanGate {

  /** Findings listed in one message; the rest are counted. */
  static final int LISTED = 20;

  private SecretScanGate() {}

  /**
   * @param artifact e.g. {@code image pytoya/api} or {@code chart pytoya}
   * @param warn where warn mode's lines go
   * @param info where the allowlisted count goes
   * @throws SecretsFoundException in fail mode, when a finding is not allowlisted
   */
  public static void apply(
      String artifact,
      List<SecretFinding> findings,
      ScanSettings settings,
      Consumer<String> warn,
      Consumer<String> info) {
    List<SecretFinding> open =
        findings.stream().filter(f -> !settings.allowlist().allows(f)).toList();
    int allowed = findings.size() - open.size();
    if (allowed > 0) {
      info.accept(
          "Secret scan of "
              + artifact
              + ": "
              + allowed
              + " finding(s) allowlisted by "
              + settings.propertyPrefix()
              + ".secretScanAllowlist");
    }
    if (open.isEmpty() || settings.mode() == SecretScanMode.OFF) {
      return;
    }
    if (settings.mode() == SecretScanMode.WARN) {
      // this build's own token or password is never shipped: warn mode fails on it too
      List<SecretFinding> own = open.stream().filter(SecretFinding::known).toList();
      if (!own.isEmpty()) {
        throw new SecretsFoundException(message(artifact, own, settings.propertyPrefix()));
      }
      for (SecretFinding finding : open) {
        warn.accept(
            "Secret scan of "
                + artifact
                + " (secretScan=warn, shipping it anyway): "
                + describe(finding));
      }
      return;
    }
    throw new SecretsFoundException(message(artifact, open, settings.propertyPrefix()));
  }

  static String message(String artifact, List<SecretFinding> open, String prefix) {
    StringBuilder text =
        new StringBuilder("Secret scan: ")
            .append(artifact)
            .append(" would ship ")
            .append(open.size() == 1 ? "a secret" : open.size() + " secrets")
            .append("; nothing was sent.");
    for (SecretFinding finding : open.subList(0, Math.min(LISTED, open.size()))) {
      text.append("\n  ").append(describe(finding));
    }
    if (open.size() > LISTED) {
      text.append("\n  ... and ").append(open.size() - LISTED).append(" more");
    }
    text.append(
        "\nRemove each secret from the file (and rotate it). A filtered resource"
            + " (<filtering>true</filtering>) copies ${env.*} values into the artifact: do not"
            + " filter that file, or do not name the token in it.");
    if (open.stream().anyMatch(f -> !f.known())) {
      text.append(
              " For a false positive, add its fingerprint or a path glob to <secretScanAllowlist>")
          .append(" (-D")
          .append(prefix)
          .append(".secretScanAllowlist=")
          .append(open.stream().filter(f -> !f.known()).findFirst().orElseThrow().fingerprint())
          .append(")");
      text.append(
          open.stream().anyMatch(SecretFinding::known)
              ? "; the token of this build is never allowlisted."
              : ".");
    } else {
      text.append(" The token of this build is never allowlisted.");
    }
    if (open.stream().noneMatch(SecretFinding::known)) {
      text.append(" <secretScan>warn</secretScan> (-D")
          .append(prefix)
          .append(".secretScan=warn) only warns.");
    }
    return text.toString();
  }

  /** {@code path:line rule masked fingerprint}. */
  static String describe(SecretFinding finding) {
    return finding.location()
        + "  "
        + finding.rule()
        + "  "
        + finding.masked()
        + "  "
        + finding.fingerprint();
  }
}
