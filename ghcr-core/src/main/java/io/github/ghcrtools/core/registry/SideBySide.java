package io.github.ghcrtools.core.registry;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs independent registry calls side by side: a publish is mostly round trips, and a registry
 * takes a few concurrent requests well (Jib sends four for one image), so a handful at once turns
 * many round trips into a few. The results come back in the order of the input.
 *
 * <p>The first call to fail, by completion (a slow call ahead of it in the input is not waited
 * for), is rethrown as it was, in the caller's own exception type; the calls still running are
 * cancelled (interrupted). The threads are daemon threads, so a call stuck on the network never
 * keeps Maven's JVM alive. An interrupt of the waiting thread cancels the calls, keeps the
 * interrupt flag and becomes the caller's exception. A single item runs inline on the caller's
 * thread.
 *
 * @param <X> the checked (or unchecked) exception the caller's calls throw
 */
public final class SideBySide<X extends Exception> {

  /** Requests at once to one registry: as many as Jib sends for one image. */
  public static final int REGISTRY_REQUESTS = 4;

  /**
   * The push goals' registry calls (blob uploads, tag checks): four at once. A new artifact's SBOM
   * and provenance blobs go alongside ({@link Alongside}).
   */
  public static final SideBySide<IOException> REGISTRY_CALLS =
      new SideBySide<>(
          "ghcr-registry-call",
          REGISTRY_REQUESTS,
          e -> new InterruptedIOException("interrupted while waiting for the registry"));

  /** One registry call for one item. */
  @FunctionalInterface
  public interface Call<T, R, X extends Exception> {
    R apply(T item) throws X;
  }

  private final String threadName;
  private final int parallel;
  private final Function<InterruptedException, X> interrupted;

  /**
   * @param threadName the name of every thread (what a thread dump of a stuck build shows)
   * @param parallel calls at most at once; fewer threads when there are fewer items
   * @param interrupted the caller's exception for an interrupt of the waiting thread
   */
  public SideBySide(
      String threadName, int parallel, Function<InterruptedException, X> interrupted) {
    if (parallel < 1) {
      throw new IllegalArgumentException("parallel must be at least 1, was " + parallel);
    }
    this.threadName = Objects.requireNonNull(threadName, "threadName");
    this.parallel = parallel;
    this.interrupted = Objects.requireNonNull(interrupted, "interrupted");
  }

  /**
   * @return {@code call}'s result for each item, in the order of {@code items}
   * @throws X the first failure to happen; the other calls are cancelled
   */
  public <T, R> List<R> map(List<T> items, Call<? super T, ? extends R, X> call) throws X {
    List<R> results = new ArrayList<>(items.size());
    if (items.size() <= 1) {
      for (T item : items) {
        results.add(call.apply(item));
      }
      return results;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(parallel, items.size()),
            runnable -> {
              Thread thread = new Thread(runnable, threadName);
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

  private <R> Indexed<R> await(CompletionService<Indexed<R>> done) throws X {
    try {
      return done.take().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted.apply(e);
    } catch (ExecutionException e) {
      throw rethrown(e.getCause());
    }
  }

  /**
   * The call's own failure: a {@link Call} throws {@code X}, an unchecked exception or an error.
   */
  @SuppressWarnings("unchecked")
  private X rethrown(Throwable cause) {
    if (cause instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return (X) cause;
  }
}
