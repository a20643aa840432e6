package io.github.ghcrtools.it.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessReadsTest {

  private static final int SIZE = 32 * 1024 * 1024;

  /**
   * The invoker's shell stays the JVM's parent and outlives it: here for a moment longer, so the
   * sampler surely reads the shell after it has reaped the JVM, when its figure holds the JVM's.
   */
  @Test
  void countsTheJvmOnceAndNeverTheShellThatStartedIt(@TempDir Path project) throws Exception {
    Path data = project.resolve("data.bin");
    Files.write(data, new byte[SIZE]);
    String java = ProcessHandle.current().info().command().orElseThrow();
    // this class's own folder: the JDK reads a command line up to a page, and the test's classpath
    // is longer than that
    String classpath =
        Path.of(ReadAll.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();

    Process shell;
    long total;
    ProcessReads reads = ProcessReads.watch(project);
    try (reads) {
      shell =
          new ProcessBuilder(
                  "sh",
                  "-c",
                  "cd \"$1\" && \"$2\" -cp \"$3\" \"$4\" \"$5\"; sleep 0.5",
                  "sh",
                  project.toString(),
                  java,
                  classpath,
                  ReadAll.class.getName(),
                  data.toString())
              .inheritIO()
              .start();
      assertTrue(shell.waitFor(60, TimeUnit.SECONDS), "the shell ended");
      total = reads.stop();
    }

    assertEquals(0, shell.exitValue(), "the child JVM read the file");
    List<String> commands = List.copyOf(reads.countedProcesses().values());
    assertEquals(1, commands.size(), "one process counted: " + reads.describe());
    assertTrue(commands.get(0).contains(ReadAll.class.getName()), reads.describe());
    assertTrue(
        total >= SIZE && total < 2L * SIZE,
        "the JVM's reads, once: " + total + " bytes for a file of " + SIZE + reads.describe());
  }

  /**
   * The child JVM: reads its one argument's file to the end, then lives a little longer, so that
   * the sampler's last look at it comes after the whole read (a process that ends between two
   * samples loses its last few milliseconds, here most of the file).
   */
  public static final class ReadAll {
    public static void main(String[] args) throws IOException, InterruptedException {
      try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
      }
      Thread.sleep(300);
    }
  }
}
