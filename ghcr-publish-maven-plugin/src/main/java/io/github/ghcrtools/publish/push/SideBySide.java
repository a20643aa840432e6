package io.github.ghcrtools.publish.push;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs independent registry calls side by side, at most four at once (as Jib does for one image),
 * and hands back the results in the order of the input. The first failure is rethrown as it was;
 * the calls still running are interrupted.
 */
final class SideBySide {

  static final int PARALLEL = 4;

  /** One registry call for one item. */
  @FunctionalInterface
  interface Call<T, R> {
    R apply(T item) throws IOException;
  }

  private SideBySide() {}

  static <T, R> List<R> map(List<T> items, Call<T, R> call) throws IOException {
    List<R> results = new ArrayList<>(items.size());
    if (items.size() <= 1) {
      for (T item : items) {
        results.add(call.apply(item));
      }
      return results;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, items.size()), runnable -> {
      Thread thread = new Thread(runnable, "ghcr-registry-call");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<R>> futures = new ArrayList<>(items.size());
      for (T item : items) {
        futures.add(pool.submit(() -> call.apply(item)));
      }
      for (Future<R> future : futures) {
        results.add(await(future));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static <R> R await(Future<R> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the registry");
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
  }
}
