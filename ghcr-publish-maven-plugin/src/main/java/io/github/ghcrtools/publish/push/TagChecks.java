package io.github.ghcrtools.publish.push;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Asks the registry which digest each tag points at: one request per tag. The first check runs
 * alone (it settles authentication, e.g. ghcr.io's token exchange); the others then run side by
 * side, so a release's five tags cost about two round trips instead of five.
 */
final class TagChecks {

  private static final int PARALLEL = 4;

  private TagChecks() {}

  /** Tag to digest (empty when the tag does not exist), in the order of {@code tags}. */
  static Map<String, Optional<String>> digestsOf(RemoteRepository remote, List<String> tags) throws IOException {
    Map<String, Optional<String>> state = new LinkedHashMap<>();
    if (tags.isEmpty()) {
      return state;
    }
    state.put(tags.get(0), remote.digestOf(tags.get(0)));
    List<String> rest = tags.subList(1, tags.size());
    if (rest.isEmpty()) {
      return state;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, rest.size()), runnable -> {
      Thread thread = new Thread(runnable, "ghcr-tag-check");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<Optional<String>>> checks = new ArrayList<>();
      for (String tag : rest) {
        checks.add(pool.submit(() -> remote.digestOf(tag)));
      }
      for (int i = 0; i < rest.size(); i++) {
        state.put(rest.get(i), await(checks.get(i)));
      }
      return state;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Optional<String> await(Future<Optional<String>> check) throws IOException {
    try {
      return check.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while checking tags");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IOException(cause);
    }
  }
}
