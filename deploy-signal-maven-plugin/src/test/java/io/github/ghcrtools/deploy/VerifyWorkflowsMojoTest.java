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
import org.apache.maven.plugin.MojoFailureException;
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
