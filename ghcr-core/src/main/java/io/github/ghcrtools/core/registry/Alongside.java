package io.github.ghcrtools.core.registry;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Runs a side task on a daemon thread of its own while the main task runs on the caller's: a new
 * artifact's SBOM and provenance blobs go while its own blobs upload. The main task's failure is
 * the one reported, since it says what went wrong with the artifact itself (the side task is then
 * cancelled); the side task's failure is reported only when the main task succeeded.
 */
public final class Alongside {

  private Alongside() {}

  /** A task that may fail with an {@link IOException} or an unchecked exception. */
  @FunctionalInterface
  public interface Task<T> {
    T run() throws IOException;
  }

  /**
   * @return what {@code main} returned, once {@code side} has finished too
   */
  public static <T> T run(Task<T> main, Task<?> side) throws IOException {
    FutureTask<Object> aside = new FutureTask<>(side::run);
    Thread thread = new Thread(aside, "ghcr-alongside");
    thread.setDaemon(true);
    thread.start();
    T result;
    try {
      result = main.run();
    } catch (IOException | RuntimeException | Error e) {
      aside.cancel(true);
      throw e;
    }
    try {
      aside.get();
    } catch (InterruptedException e) {
      aside.cancel(true);
      Thread.currentThread().interrupt();
      InterruptedIOException interrupted = new InterruptedIOException("interrupted");
      interrupted.initCause(e);
      throw interrupted;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IOException(cause);
    }
    return result;
  }
}
