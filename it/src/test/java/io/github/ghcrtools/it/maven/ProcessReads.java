package io.github.ghcrtools.it.maven;

import static java.util.stream.Collectors.toSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bytes the processes this test starts read while it watches ({@code rchar} of Linux's {@code
 * /proc/<pid>/io}: every byte a read call returned, files and sockets, page cache or not), sampled
 * every few milliseconds for each descendant process started since the watch began (the registry,
 * already running, reads blobs of its own). A test compares two Maven runs that differ only by one
 * upload, so the difference is what that upload read; a process that ends between two samples loses
 * only its last few milliseconds. Linux only, as the ITs.
 */
public final class ProcessReads implements AutoCloseable {

  private static final long SAMPLE_MILLIS = 5;

  private final Map<Long, Long> highest = new ConcurrentHashMap<>();

  /** Processes already running when the watch began (the registry, the stand-in's tools). */
  private final Set<Long> before;

  private final Thread sampler;
  private volatile boolean watching = true;

  private ProcessReads() {
    before = ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(toSet());
    sampler = new Thread(this::sample, "process-reads");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Starts watching every descendant of this JVM. */
  public static ProcessReads watch() {
    return new ProcessReads();
  }

  private void sample() {
    while (watching) {
      ProcessHandle.current()
          .descendants()
          .filter(p -> !before.contains(p.pid()))
          .forEach(p -> note(p.pid()));
      try {
        Thread.sleep(SAMPLE_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
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

  @Override
  public void close() {
    stop();
  }
}
