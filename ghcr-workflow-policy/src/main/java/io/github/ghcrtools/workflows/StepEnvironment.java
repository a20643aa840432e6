package io.github.ghcrtools.workflows;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variables a step's script can see before it runs: workflow, job and step {@code env:}, plus
 * the plain assignments the script makes as it goes. Used to see through {@code docker login
 * $REGISTRY} to the host it names; what cannot be known stays unexpanded.
 */
final class StepEnvironment {

  private static final Pattern REFERENCE =
      Pattern.compile(
          "\\$\\{\\{\\s*env\\.([A-Za-z_][A-Za-z0-9_]*)\\s*}}|\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");

  private final Map<String, String> variables = new HashMap<>();

  /**
   * The environment of {@code step} in {@code job} of {@code workflow}, each level expanded with
   * the ones above.
   */
  static StepEnvironment of(Workflow workflow, Job job, Step step) {
    StepEnvironment environment = new StepEnvironment();
    environment.assign(workflow.env());
    environment.assign(job.env());
    environment.assign(step.env());
    return environment;
  }

  /** Adds variables, expanding their values with what is known so far. */
  void assign(Map<String, String> values) {
    Map<String, String> expanded = new HashMap<>();
    values.forEach((name, value) -> expanded.put(name, expand(value)));
    variables.putAll(expanded);
  }

  /** {@code text} with every known {@code ${{ env.X }}}, {@code ${X}} and {@code $X} replaced. */
  String expand(String text) {
    Matcher matcher = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name =
          matcher.group(1) != null
              ? matcher.group(1)
              : matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
      String value = variables.get(name);
      matcher.appendReplacement(
          out, Matcher.quoteReplacement(value != null ? value : matcher.group()));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
