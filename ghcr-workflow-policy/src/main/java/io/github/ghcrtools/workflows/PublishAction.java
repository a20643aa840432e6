package io.github.ghcrtools.workflows;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a step does that publishes to ghcr.io or triggers a deployment, recognised from its {@code
 * run:} script: a Maven build reaching the {@code deploy} phase, one of the suite's pushing goals,
 * or the runner-local deploy script. The script counts wherever a command names it ({@code
 * ./deploy-pytoya.sh}, {@code bash ~/deploy-pytoya.sh}, {@code timeout 600
 * /home/github-runner/deploy-pytoya.sh}), unless the command only reads or checks the file.
 */
enum PublishAction {
  DEPLOY_SCRIPT("runs the deploy script deploy-pytoya.sh", true),
  SIGNAL("runs deploy-signal:signal", true),
  MAVEN_DEPLOY("runs 'mvn deploy'", false),
  IMAGE_PUSH("runs ghcr:push", false),
  IMAGE_PROMOTE("runs ghcr:promote", false),
  CHART_PUSH("runs helm-oci:push", false),
  CHART_PROMOTE("runs helm-oci:promote", false);

  static final String DEPLOY_SCRIPT_NAME = "deploy-pytoya.sh";

  private static final Pattern DRY_RUN = Pattern.compile("deploy-signal\\.dryRun(?:=true)?");
  private static final Pattern DRY_RUN_PROPERTY = Pattern.compile("deploy-signal\\.dryRun(?:=.*)?");
  private static final Set<String> MAVEN = Set.of("mvn", "mvnw", "mvnd", "mvn.cmd", "mvnw.cmd");
  private static final Pattern DEPLOY_SCRIPT_WORD =
      Pattern.compile("(?:^|[/=])" + Pattern.quote(DEPLOY_SCRIPT_NAME) + "$");
  private static final Set<String> FILE_READERS =
      Set.of(
          "cat",
          "less",
          "more",
          "head",
          "tail",
          "ls",
          "stat",
          "file",
          "test",
          "[",
          "[[",
          "shellcheck",
          "shfmt",
          "sha1sum",
          "sha256sum",
          "sha512sum",
          "md5sum",
          "diff",
          "cmp",
          "grep",
          "echo",
          "printf",
          "wc",
          "git");
  private static final Set<String> MAVEN_OPTIONS_WITH_VALUE =
      Set.of(
          "-pl",
          "--projects",
          "-f",
          "--file",
          "-s",
          "--settings",
          "-gs",
          "--global-settings",
          "-P",
          "--activate-profiles",
          "-T",
          "--threads",
          "-rf",
          "--resume-from",
          "-l",
          "--log-file",
          "-t",
          "--toolchains",
          "-gt",
          "--global-toolchains",
          "-D",
          "--define",
          "-b",
          "--builder",
          "-emp",
          "--encrypt-master-password",
          "-ep",
          "--encrypt-password",
          "--color");

  private final String description;
  private final boolean signals;

  PublishAction(String description, boolean signals) {
    this.description = description;
    this.signals = signals;
  }

  /** How a violation message says it, e.g. "runs 'mvn deploy'". */
  String description() {
    return description;
  }

  /**
   * Whether this triggers a deployment (the deploy script, directly or through the signal goal).
   */
  boolean signals() {
    return signals;
  }

  /**
   * Whether this pushes new digests, which the plugins sign. A promotion only moves a tag to a
   * digest that was signed when it was pushed, and a deploy pushes nothing.
   */
  boolean pushesDigests() {
    return this == MAVEN_DEPLOY || this == IMAGE_PUSH || this == CHART_PUSH;
  }

  /** The actions of a step's script, in the order they appear. */
  static List<PublishAction> of(Step step) {
    List<PublishAction> actions = new ArrayList<>();
    for (ShellCommand command : ShellScript.parse(step.run())) {
      String program = command.program();
      if (runsDeployScript(command) && !actions.contains(DEPLOY_SCRIPT)) {
        actions.add(DEPLOY_SCRIPT);
      }
      if (MAVEN.contains(program)) {
        for (String task : command.positionals(MAVEN_OPTIONS_WITH_VALUE)) {
          PublishAction action = mavenTask(task);
          if (action == SIGNAL && dryRun(command)) {
            continue; // prints the deploy inputs, deploys nothing
          }
          if (action != null && !actions.contains(action)) {
            actions.add(action);
          }
        }
      }
    }
    return actions;
  }

  private static boolean runsDeployScript(ShellCommand command) {
    return !FILE_READERS.contains(command.program())
        && command.effective().stream().anyMatch(word -> DEPLOY_SCRIPT_WORD.matcher(word).find());
  }

  /**
   * Whether the command's last {@code -Ddeploy-signal.dryRun} (as Maven, the last one wins) is
   * {@code -Ddeploy-signal.dryRun} or {@code -Ddeploy-signal.dryRun=true}.
   */
  private static boolean dryRun(ShellCommand command) {
    List<String> words = command.effective();
    boolean dryRun = false;
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      String property =
          word.startsWith("-D")
              ? word.substring(2)
              : word.startsWith("--define=")
                  ? word.substring("--define=".length())
                  : (word.equals("-D") || word.equals("--define")) && i + 1 < words.size()
                      ? words.get(i + 1)
                      : null;
      if (property != null && DRY_RUN_PROPERTY.matcher(property).matches()) {
        dryRun = DRY_RUN.matcher(property).matches();
      }
    }
    return dryRun;
  }

  private static PublishAction mavenTask(String task) {
    if (task.equals("deploy")) {
      return MAVEN_DEPLOY;
    }
    for (var goal : Goals.PATTERNS.entrySet()) {
      if (goal.getValue().matcher(task).matches()) {
        return goal.getKey();
      }
    }
    return null;
  }

  /**
   * Goal patterns, held apart because an enum cannot read its own static fields in constructors.
   */
  private static final class Goals {
    static final java.util.Map<PublishAction, Pattern> PATTERNS =
        java.util.Map.of(
            SIGNAL, goal("deploy-signal", "deploy-signal-maven-plugin", "signal"),
            IMAGE_PUSH, goal("ghcr", "ghcr-publish-maven-plugin", "push"),
            IMAGE_PROMOTE, goal("ghcr", "ghcr-publish-maven-plugin", "promote"),
            CHART_PUSH, goal("helm-oci", "helm-oci-maven-plugin", "push"),
            CHART_PROMOTE, goal("helm-oci", "helm-oci-maven-plugin", "promote"));
  }

  /**
   * {@code prefix:goal} or {@code [group:]artifactId[:version]:goal}, optionally {@code
   * @execution}.
   */
  private static Pattern goal(String prefix, String artifactId, String goal) {
    return Pattern.compile(
        "(?:"
            + Pattern.quote(prefix)
            + "|(?:[\\w.-]+:)?"
            + Pattern.quote(artifactId)
            + "(?::[\\w.${}-]+)?):"
            + Pattern.quote(goal)
            + "(?:@[\\w.-]+)?");
  }
}
