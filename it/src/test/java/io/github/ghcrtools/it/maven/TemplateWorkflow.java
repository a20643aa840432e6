package io.github.ghcrtools.it.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A workflow template of the example as GitHub would run its steps: a step's {@code run:} script in
 * bash with its {@code env:}, a job's outputs resolved from the step outputs its steps wrote. The
 * ITs run the templates' own lines, so a template that drifts from what the plugins do fails.
 */
public final class TemplateWorkflow {

  private static final String DEPLOY_SCRIPT = "/home/github-runner/deploy-pytoya.sh";

  private final String name;
  private final JsonNode workflow;

  private TemplateWorkflow(String name, JsonNode workflow) {
    this.name = name;
    this.workflow = workflow;
  }

  /** {@code .github/workflows/<name>} of {@code project}. */
  public static TemplateWorkflow of(SampleProject project, String name) {
    try {
      return new TemplateWorkflow(
          name, new YAMLMapper().readTree(project.resolve(".github/workflows/" + name).toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The words of the Maven command that step {@code stepId} of {@code job} runs, as bash splits and
   * expands them with {@code env} ({@code ./mvnw} itself left out).
   */
  public List<String> mavenArgs(String job, String stepId, Map<String, String> env) {
    String run = step(job, stepId).path("run").asText().strip();
    assertTrue(run.startsWith("./mvnw "), name + " " + job + "/" + stepId + ": " + run);
    String output = bash("printf '%s\\n' " + run.substring("./mvnw ".length()), env);
    return output.lines().toList();
  }

  /** {@code mavenArgs} as an invocation: {@code -Dk=v} become properties, the rest goals. */
  public MavenRun maven(SampleProject project, String job, String stepId, Map<String, String> env) {
    MavenRun run = MavenRun.of(project);
    for (String word : mavenArgs(job, stepId, env)) {
      if (word.startsWith("-D")) {
        int equals = word.indexOf('=');
        run.property(word.substring(2, equals), word.substring(equals + 1));
      } else if (!word.equals("-B")) {
        run.goals(word);
      }
    }
    return run;
  }

  /**
   * Runs the only step of {@code job} (the deploy job) in bash, as a self-hosted runner would: its
   * {@code env:} resolved from the outputs of the job it needs, which come from the step outputs
   * file the Maven run wrote; the runner's script replaced by {@code script}.
   *
   * @return what the step printed
   */
  public String runDeployJob(String job, Path stepOutputsFile, Path script) {
    JsonNode steps = workflow.path("jobs").path(job).path("steps");
    assertEquals(1, steps.size(), name + ": the deploy job is one step: " + steps);
    Map<String, String> env = stepEnv(job, steps.get(0), stepOutputsFile, Map.of());
    return bash(steps.get(0).path("run").asText().replace(DEPLOY_SCRIPT, script.toString()), env);
  }

  /**
   * Runs the last step of {@code job} in bash in {@code directory}, as a GitHub-hosted runner
   * would: each {@code env:} entry that reads an output of the job it needs is resolved from the
   * step outputs file the Maven run wrote; any other (such as {@code ${{ github.token }}}) must be
   * given in {@code environment}, which also sets the runner's variables.
   *
   * @return what the step printed
   */
  public String runLastStep(
      String job, Path stepOutputsFile, Path directory, Map<String, String> environment) {
    JsonNode steps = workflow.path("jobs").path(job).path("steps");
    JsonNode step = steps.get(steps.size() - 1);
    return bash(
        step.path("run").asText(), stepEnv(job, step, stepOutputsFile, environment), directory);
  }

  /**
   * {@code environment} plus the step's {@code env:}, each entry that reads an output of the job
   * {@code job} needs resolved from the step outputs file; any other entry must be in {@code
   * environment}.
   */
  private Map<String, String> stepEnv(
      String job, JsonNode step, Path stepOutputsFile, Map<String, String> environment) {
    String needs = workflow.path("jobs").path(job).path("needs").asText();
    JsonNode jobOutputs = workflow.path("jobs").path(needs).path("outputs");
    Map<String, String> stepOutputs = stepOutputs(stepOutputsFile);
    Map<String, String> env = new TreeMap<>(environment);
    step.path("env")
        .properties()
        .forEach(
            e -> {
              String value = e.getValue().asText();
              if (!value.contains("needs.")) {
                assertTrue(environment.containsKey(e.getKey()), name + ": give " + e.getKey());
                return;
              }
              String jobOutput = expression(value, "needs\\." + needs + "\\.outputs\\.");
              String stepOutput =
                  expression(jobOutputs.path(jobOutput).asText(), "steps\\.[\\w-]+\\.outputs\\.");
              env.put(e.getKey(), stepOutputs.get(stepOutput));
            });
    return env;
  }

  /** The step outputs file: {@code key=value} lines and {@code key<<DELIMITER} blocks. */
  public static Map<String, String> stepOutputs(Path file) {
    Map<String, String> outputs = new TreeMap<>();
    List<String> lines;
    try {
      lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int heredoc = line.indexOf("<<");
      int equals = line.indexOf('=');
      if (heredoc > 0 && (equals < 0 || heredoc < equals)) {
        String delimiter = line.substring(heredoc + 2);
        StringBuilder value = new StringBuilder();
        while (!lines.get(++i).equals(delimiter)) {
          value.append(value.length() == 0 ? "" : "\n").append(lines.get(i));
        }
        outputs.put(line.substring(0, heredoc), value.toString());
      } else if (equals > 0) {
        outputs.put(line.substring(0, equals), line.substring(equals + 1));
      }
    }
    return outputs;
  }

  private JsonNode step(String job, String stepId) {
    for (JsonNode step : workflow.path("jobs").path(job).path("steps")) {
      if (stepId.equals(step.path("id").asText())) {
        return step;
      }
    }
    throw new AssertionError(name + ": job " + job + " has no step with id " + stepId);
  }

  /** {@code name} of {@code ${{ <prefix>name }}} (prefix a regular expression); fails otherwise. */
  private static String expression(String value, String prefix) {
    Matcher m = Pattern.compile("\\$\\{\\{\\s*" + prefix + "([\\w-]+)\\s*}}").matcher(value);
    assertTrue(m.matches(), "expected ${{ " + prefix + "<name> }}, got " + value);
    return m.group(1);
  }

  private static String bash(String script, Map<String, String> env) {
    return bash(script, env, null);
  }

  private static String bash(String script, Map<String, String> env, Path directory) {
    try {
      ProcessBuilder bash =
          new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script)
              .redirectErrorStream(true)
              .directory(directory == null ? null : directory.toFile());
      bash.environment().putAll(env);
      Process process = bash.start();
      String output = new String(process.getInputStream().readAllBytes());
      assertEquals(0, process.waitFor(), script + "\n" + output);
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
