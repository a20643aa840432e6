package io.github.ghcrtools.it.example;

import io.github.ghcrtools.it.maven.MavenResult;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The few lines a newcomer reads after the demo: what was pushed, what the script received, the
 * release notes.
 */
final class DemoSummary {

  private DemoSummary() {}

  static String of(MavenResult result, List<String> argv, GhcrStandIn standIn, Path notes)
      throws IOException {
    var out =
        new StringBuilder(
            "\n===== demo: examples/pytoya, mvn deploy on a tag push (v0.1.0) =====\n");
    out.append("Plugin log lines:\n");
    result
        .log()
        .lines()
        .filter(
            l ->
                l.contains("Published")
                    || l.contains("Pushed")
                    || l.contains("Packaged chart")
                    || l.contains("Built image")
                    || l.contains("deploy signal")
                    || l.contains("Deploy signal")
                    || l.contains("Release notes")
                    || l.contains("[deploy script]"))
        .forEach(l -> out.append("  ").append(l).append('\n'));
    out.append("Repositories in the ghcr.io stand-in: ").append(standIn.catalog()).append('\n');
    out.append("The deploy script was called with:\n");
    argv.forEach(a -> out.append("  ").append(a).append('\n'));
    out.append("Proxy record: every connection was CONNECT ")
        .append(standIn.proxyTargets().stream().distinct().toList())
        .append('\n');
    out.append("Release notes (")
        .append(notes)
        .append("), the GitHub Release's body:\n")
        .append(Files.readString(notes).indent(2));
    out.append("Full build log: ").append(result.logFile()).append('\n');
    return out.append("=====\n").toString();
  }
}
