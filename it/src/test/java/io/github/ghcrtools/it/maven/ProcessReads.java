package io.github.ghcrtools.it.maven;

import static java.util.stream.Collectors.toSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bytes the Maven processes of one sample project read while the test watches ({@code rchar} of
 * Linux's {@code /proc/<pid>/io}: every byte a read call returned, files and sockets, page cache or
 * not), sampled every few milliseconds for each Java process started since the watch began whose
 * command line names the project's folder ({@link MavenRun} gives every run a {@code user.home}
 * inside it). Other processes are left out: the registry, already running, reads blobs of its own;
 * and the shell the invoker starts Maven with ({@code sh -c "cd <project> && mvn …"}) names the
 * folder too, but Linux adds a child's reads to its parent's {@code /proc/<pid>/io} when the parent
 * reaps it, so a sample of the shell taken after the JVM ended counted the JVM's reads a second
 * time (a CI run once saw twice what the run read). A test compares two Maven runs that differ only
 * by one upload, so the difference is what that upload read; a process that ends between two
 * samples loses only its last few milliseconds. Linux only, as the ITs.
 */
public final class ProcessReads implements AutoCloseable {

  private static final long SAMPLE_MILLIS = 5;

  private final Map<Long, Long> highest = new ConcurrentHashMap<>();

  /** The command lines of the processes counted, for a message when the figure is off. */
  private final Map<Long, String> counted = new ConcurrentHashMap<>();

  /** What a counted process's command line contains: the project's folder. */
  private final String marker;

  /** Processes already running when the watch began (the registry, the stand-in's tools). */
  private final Set<Long> before;

  private final Thread sampler;
  private volatile boolean watching = true;

  private ProcessReads(Path project) {
    marker = project.toAbsolutePath().toString();
    before = ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(toSet());
    sampler = new Thread(this::sample, "process-reads");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Starts watching the processes this JVM starts for the sample project in {@code project}. */
  public static ProcessReads watch(Path project) {
    return new ProcessReads(project);
  }

  private void sample() {
    while (watching) {
      ProcessHandle.current()
          .descendants()
          .filter(p -> !before.contains(p.pid()))
          .filter(this::ofTheProject)
          .forEach(p -> note(p.pid()));
      try {
        Thread.sleep(SAMPLE_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * Once seen as a JVM with the project's folder in its command line, a process stays counted. Only
   * the JVM: a parent's figure takes in its children's once they end.
   */
  private boolean ofTheProject(ProcessHandle process) {
    if (counted.containsKey(process.pid())) {
      return true;
    }
    ProcessHandle.Info info = process.info();
    boolean jvm =
        info.command().map(c -> Path.of(c).getFileName().toString().equals("java")).orElse(false);
    String command = info.commandLine().orElse("");
    if (!jvm || !command.contains(marker)) {
      return false; // another process, a shell, or one that has not exec'd into Maven's JVM yet
    }
    counted.put(process.pid(), command);
    return true;
  }

  private void note(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/io"))) {
        if (line.startsWith("rchar:")) {
          long value = Long.parseLong(line.substring(6).strip());
          highest.merge(pid, value, Math::max);
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process ended between listing and reading: its last sample stands
    }
  }

  /** Stops watching; the bytes read by every process seen, each at its last sample. */
  public long stop() {
    watching = false;
    sampler.interrupt();
    try {
      sampler.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return highest.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The processes counted, by pid, with their command lines. */
  Map<Long, String> countedProcesses() {
    return Map.copyOf(counted);
  }

  /** Each process counted: pid, bytes read, the start of its command line. */
  public String describe() {
    StringBuilder text = new StringBuilder();
    highest.forEach(
        (pid, bytes) -> {
          String command = counted.getOrDefault(pid, "");
          text.append(
              String.format(
                  "%n  pid %d read %,d bytes: %s",
                  pid, bytes, command.substring(0, Math.min(160, command.length()))));
        });
    return text.toString();
  }

  @Override
  public void close() {
    stop();
  }
}
