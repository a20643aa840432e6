package io.github.ghcrtools.workflows;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The runner's host is never mutated: no step writes {@code /etc/hosts}, Docker's {@code
 * daemon.json}, {@code registries.conf} or a registry certificate directory. Such edits redirect or
 * weaken registry traffic for every later job on a self-hosted runner.
 */
final class HostFilesRule implements WorkflowRule {

  private static final String FIX =
      "leave the runner's host configuration alone; ghcr.io is reached"
          + " through public DNS and TLS";
  private static final Set<String> TARGET_LAST = Set.of("cp", "mv", "install", "ln", "rsync");
  private static final Set<String> ANY_ARGUMENT =
      Set.of("tee", "rm", "truncate", "chmod", "chown", "chattr");
  private static final Set<String> IN_PLACE_EDITORS = Set.of("sed", "perl");

  @Override
  public List<Finding> check(Workflow workflow, Job job) {
    List<Finding> findings = new ArrayList<>();
    for (Step step : job.steps()) {
      for (ShellCommand command : ShellScript.parse(step.run())) {
        String written = written(command);
        if (written != null) {
          findings.add(new Finding(step, "writes " + written, FIX));
          break;
        }
      }
    }
    return findings;
  }

  /** The protected file {@code command} writes, or {@code null}. */
  static String written(ShellCommand command) {
    for (ShellCommand.Redirect redirect : command.redirects()) {
      if (redirect.writes() && isProtected(redirect.target())) {
        return redirect.target();
      }
    }
    String program = command.program();
    List<String> args = command.args();
    List<String> operands =
        command.positionals(
            Set.of(
                "-t",
                "--target-directory",
                "-m",
                "--mode",
                "-o",
                "--owner",
                "-g",
                "--group",
                "-e",
                "--rsh"));
    if (ANY_ARGUMENT.contains(program) || IN_PLACE_EDITORS.contains(program) && inPlace(args)) {
      return args.stream().filter(HostFilesRule::isProtected).findFirst().orElse(null);
    }
    if (TARGET_LAST.contains(program)
        && !operands.isEmpty()
        && isProtected(operands.get(operands.size() - 1))) {
      return operands.get(operands.size() - 1);
    }
    if (program.equals("dd")) {
      return args.stream()
          .filter(arg -> arg.startsWith("of=") && isProtected(arg.substring(3)))
          .map(arg -> arg.substring(3))
          .findFirst()
          .orElse(null);
    }
    return null;
  }

  private static boolean inPlace(List<String> args) {
    return args.stream()
        .anyMatch(arg -> arg.startsWith("--in-place") || arg.matches("-[a-zA-Z]*i.*"));
  }

  /**
   * {@code /etc/hosts}, Docker's daemon config, container registry configuration and certificates.
   */
  static boolean isProtected(String path) {
    String p = path.strip();
    return p.equals("/etc/hosts")
        || p.equals("/etc/docker/daemon.json")
        || p.endsWith("/.config/docker/daemon.json")
        || p.endsWith("/registries.conf")
        || p.contains("/registries.conf.d/")
        || p.contains("/docker/certs.d/")
        || p.contains("/containers/certs.d/");
  }
}
