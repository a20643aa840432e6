package io.github.ghcrtools.publish.push;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs independent registry calls side by side, at most four at once (as Jib does for one image),
 * and hands back the results in the order of the input. The first failure to happen is rethrown as
 * it was, at once; the calls not yet finished are cancelled.
 */
public final class SideBySide {

  static final int PARALLEL = 4;

  /** One registry call for one item. */
  @FunctionalInterface
  public interface Call<T, R> {
    R apply(T item) throws IOException;
  }

  private SideBySide() {}

  public static <T, R> List<R> map(List<T> items, Call<T, R> call) throws IOException {
    List<R> results = new ArrayList<>(items.size());
    if (items.size() <= 1) {
      for (T item : items) {
        results.add(call.apply(item));
      }
      return results;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(PARALLEL, items.size()),
            runnable -> {
              Thread thread = new Thread(runnable, "ghcr-registry-call");
              thread.setDaemon(true);
              return thread;
            });
    CompletionService<Indexed<R>> done = new ExecutorCompletionService<>(pool);
    List<Future<Indexed<R>>> futures = new ArrayList<>(items.size());
    try {
      for (int i = 0; i < items.size(); i++) {
        int index = i;
        T item = items.get(i);
        futures.add(done.submit(() -> new Indexed<>(index, call.apply(item))));
        results.add(null);
      }
      // in the order they finish, so the first failure stops the others at once
      for (int i = 0; i < items.size(); i++) {
        Indexed<R> result = await(done);
        results.set(result.index(), result.value());
      }
      return results;
    } finally {
      futures.forEach(future -> future.cancel(true));
      pool.shutdownNow();
    }
  }

  private record Indexed<R>(int index, R value) {}

  private static <R> Indexed<R> await(CompletionService<Indexed<R>> done) throws IOException {
    try {
      return done.take().get();
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
