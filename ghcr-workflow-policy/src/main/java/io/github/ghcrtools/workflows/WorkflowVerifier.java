package io.github.ghcrtools.workflows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads every {@code *.yml} and {@code *.yaml} file directly in a workflows directory (as GitHub
 * does, not its subdirectories) and applies the {@link WorkflowPolicy} to each.
 */
public final class WorkflowVerifier {

  private final Path displayRoot;
  private final WorkflowReader reader = new WorkflowReader();
  private final WorkflowPolicy policy = new WorkflowPolicy();

  /**
   * @param displayRoot files are named relative to this directory (the project's base directory)
   */
  public WorkflowVerifier(Path displayRoot) {
    this.displayRoot = displayRoot.toAbsolutePath().normalize();
  }

  /**
   * Checks the workflows in {@code directory}. A missing directory has no workflows and complies.
   *
   * @throws InvalidWorkflowException when a file cannot be read or is not valid YAML
   */
  public VerificationResult verify(Path directory) {
    List<Violation> violations = new ArrayList<>();
    List<Violation> warnings = new ArrayList<>();
    List<Path> files = workflowFiles(directory);
    for (Path file : files) {
      String name = display(file);
      try {
        Workflow workflow = reader.read(name, Files.readString(file, StandardCharsets.UTF_8));
        violations.addAll(policy.check(workflow));
        warnings.addAll(policy.warnings(workflow));
      } catch (IOException e) {
        throw new InvalidWorkflowException(name, e);
      }
    }
    return new VerificationResult(display(directory), files.size(), violations, warnings);
  }

  private List<Path> workflowFiles(Path directory) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries
          .filter(Files::isRegularFile)
          .filter(
              file ->
                  file.getFileName().toString().endsWith(".yml")
                      || file.getFileName().toString().endsWith(".yaml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new InvalidWorkflowException(display(directory), e);
    }
  }

  private String display(Path file) {
    return display(displayRoot, file);
  }

  private static String display(Path root, Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    Path shown =
        absolute.startsWith(root) && !absolute.equals(root) ? root.relativize(absolute) : absolute;
    return shown.toString().replace('\\', '/');
  }

  /** A workflow file that cannot be checked because it cannot be read as YAML. */
  public static final class InvalidWorkflowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidWorkflowException(String file, IOException cause) {
      super(
          "Cannot read workflow "
              + file
              + ": "
              + firstLine(cause.getMessage())
              + " \u2014 fix the file so that GitHub Actions can load it",
          cause);
    }

    private static String firstLine(String message) {
      if (message == null) {
        return "unreadable";
      }
      int eol = message.indexOf('\n');
      return eol < 0 ? message : message.substring(0, eol);
    }
  }
}
