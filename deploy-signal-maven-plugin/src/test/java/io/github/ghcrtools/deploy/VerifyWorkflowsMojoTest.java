package io.github.ghcrtools.deploy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyWorkflowsMojoTest {

  @TempDir Path project;

  private VerifyWorkflowsMojo mojo(boolean skip) throws ReflectiveOperationException {
    VerifyWorkflowsMojo mojo = new VerifyWorkflowsMojo();
    set(mojo, "basedir", project.toFile());
    set(mojo, "workflowsDirectory", project.resolve(".github/workflows").toFile());
    set(mojo, "skip", skip);
    return mojo;
  }

  private static void set(Object target, String name, Object value)
      throws ReflectiveOperationException {
    Field field = VerifyWorkflowsMojo.class.getDeclaredField(name);
    field.setAccessible(true);
    field.set(target, value);
  }

  /** Keeps what the goal logs at warn and error level. */
  private static final class RecordingLog extends SystemStreamLog {
    final List<String> warnings = new ArrayList<>();
    final List<String> errors = new ArrayList<>();
    final List<String> infos = new ArrayList<>();

    @Override
    public void warn(CharSequence content) {
      warnings.add(content.toString());
    }

    @Override
    public void error(CharSequence content) {
      errors.add(content.toString());
    }

    @Override
    public void info(CharSequence content) {
      infos.add(content.toString());
    }
  }

  private void violatingWorkflow() throws IOException {
    Path dir = Files.createDirectories(project.resolve(".github/workflows"));
    Files.writeString(dir.resolve("pin.yml"), resource("/workflows/host-files-violations.yml"));
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = VerifyWorkflowsMojoTest.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IOException("missing test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void failsWithTheCountOfViolations() throws Exception {
    violatingWorkflow();
    MojoFailureException e = assertThrows(MojoFailureException.class, () -> mojo(false).execute());
    assertEquals(
        "6 workflow policy violations in .github/workflows (listed above); fix them or set"
            + " -Ddeploy-signal.verifyWorkflows.skip=true to bypass the check",
        e.getMessage());
  }

  @Test
  void warningsAreLoggedAndDoNotFailTheBuild() throws Exception {
    Path dir = Files.createDirectories(project.resolve(".github/workflows"));
    Files.writeString(
        dir.resolve("ci.yml"),
        """
            on: push
            permissions:
              contents: read
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - run: ./mvnw -B verify
            """);
    VerifyWorkflowsMojo mojo = mojo(false);
    RecordingLog log = new RecordingLog();
    mojo.setLog(log);

    assertDoesNotThrow(mojo::execute);

    assertEquals(
        List.of(
            ".github/workflows/ci.yml: job 'build' step '#1': uses actions/checkout@v4, a tag or"
                + " branch that can be moved \u2014 pin the full commit SHA:"
                + " actions/checkout@<40-hex commit> # v4"),
        log.warnings);
    assertEquals(List.of(), log.errors);
    assertEquals(
        List.of(
            "1 workflow file(s) in .github/workflows comply with the ghcr.io policy"
                + " (1 warning above)"),
        log.infos);
  }

  @Test
  void skipDoesNotReadTheWorkflows() throws Exception {
    violatingWorkflow();
    assertDoesNotThrow(() -> mojo(true).execute());
  }

  @Test
  void invalidWorkflowFailsTheBuild() throws Exception {
    Path dir = Files.createDirectories(project.resolve(".github/workflows"));
    Files.writeString(dir.resolve("broken.yml"), "jobs: [unclosed\n");
    MojoFailureException e = assertThrows(MojoFailureException.class, () -> mojo(false).execute());
    assertEquals(
        true,
        e.getMessage().startsWith("Cannot read workflow .github/workflows/broken.yml"),
        e.getMessage());
  }

  @Test
  void noWorkflowsDirectoryPasses() throws Exception {
    assertDoesNotThrow(() -> mojo(false).execute());
    assertEquals(false, new File(project.toFile(), ".github").exists());
  }
}
