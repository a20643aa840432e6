package io.github.ghcrtools.workflows;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Never insecure: no step turns off TLS or its verification for a registry, whether in Docker's
 * {@code insecure-registries}, a BuildKit config, a build output, or the Helm, ORAS, skopeo, crane
 * or Jib options. Scripts, action inputs ({@code with:}) and {@code env:} are all read.
 */
final class InsecureRegistryRule implements WorkflowRule {

  private static final String FIX = "remove it; registries are reached over verified TLS only";
  private static final List<Pattern> PATTERNS =
      List.of(
          Pattern.compile("insecure-registries", Pattern.CASE_INSENSITIVE),
          Pattern.compile("--insecure-registry\\b", Pattern.CASE_INSENSITIVE),
          Pattern.compile("registry\\.insecure\\s*=\\s*true", Pattern.CASE_INSENSITIVE),
          Pattern.compile(
              "--insecure-skip-tls-verify\\b(?!\\s*=\\s*false)", Pattern.CASE_INSENSITIVE),
          Pattern.compile("--plain-http\\b(?!\\s*=\\s*false)", Pattern.CASE_INSENSITIVE),
          Pattern.compile("--(?:src-|dest-)?tls-verify(?:=|\\s+)false", Pattern.CASE_INSENSITIVE),
          Pattern.compile("allowInsecureRegistries\\s*=\\s*true", Pattern.CASE_INSENSITIVE),
          Pattern.compile("sendCredentialsOverHttp\\s*=\\s*true", Pattern.CASE_INSENSITIVE),
          // BuildKit's buildkitd.toml and containers' registries.conf: [registry."host"]
          // insecure/http = true
          Pattern.compile("(?m)^\\s*(?:insecure|http)\\s*=\\s*true\\b", Pattern.CASE_INSENSITIVE));
  private static final Set<String> INSECURE_FLAG_TOOLS = Set.of("oras", "crane", "regctl");

  @Override
  public List<Finding> check(Workflow workflow, Job job) {
    List<Finding> findings = new ArrayList<>();
    for (Step step : job.steps()) {
      String setting = insecureSetting(step);
      if (setting != null) {
        findings.add(new Finding(step, "configures an insecure registry (" + setting + ")", FIX));
      }
    }
    return findings;
  }

  /** The first insecure setting the step makes, as written, or {@code null}. */
  private static String insecureSetting(Step step) {
    List<String> texts = new ArrayList<>();
    if (step.run() != null) {
      texts.add(step.run());
    }
    texts.addAll(step.with().values());
    texts.addAll(step.env().values());
    for (String text : texts) {
      String setting = earliestMatch(text);
      if (setting != null) {
        return setting;
      }
    }
    for (ShellCommand command : ShellScript.parse(step.run())) {
      if (INSECURE_FLAG_TOOLS.contains(command.program())) {
        for (String arg : command.args()) {
          if (arg.equals("--insecure") || arg.equals("--insecure=true")) {
            return command.program() + " " + arg;
          }
        }
      }
    }
    return null;
  }

  private static String earliestMatch(String text) {
    String earliest = null;
    int at = Integer.MAX_VALUE;
    for (Pattern pattern : PATTERNS) {
      Matcher matcher = pattern.matcher(text);
      if (matcher.find() && matcher.start() < at) {
        at = matcher.start();
        earliest = matcher.group().strip().replaceAll("\\s+", " ");
      }
    }
    return earliest;
  }
}
