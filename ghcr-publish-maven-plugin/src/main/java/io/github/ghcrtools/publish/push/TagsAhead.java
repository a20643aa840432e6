package io.github.ghcrtools.publish.push;

import io.github.ghcrtools.core.registry.SideBySide;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The digests a project's tags point at, asked for by {@code ghcr:build} for the {@code ghcr:push}
 * of the same project later in the run: the same HEAD per tag the push sends first, sent while the
 * build, {@code install} and {@code deploy} run, on the thread that fetched the push's token. The
 * push takes each answer once; for a tag with no answer, or one whose request failed, it asks
 * itself (and reports its own failure). An answer is a little older than the push's own would be;
 * neither is the last word: the release looks again at every tag it writes, just before it writes.
 *
 * <p>The answers are kept in the run's shared state, keyed by project, repository and tag, as JDK
 * types (the build and the push may be in different plugin realms).
 */
public final class TagsAhead {

  private final Map<String, CompletableFuture<Optional<String>>> run;
  private final String project;

  /**
   * @param run the run's answers ({@code ReleaseState.tagsAhead()})
   * @param project the Maven project ({@code groupId:artifactId}): a push only takes its own
   */
  public TagsAhead(Map<String, CompletableFuture<Optional<String>>> run, String project) {
    this.run = run;
    this.project = project;
  }

  /** No answers: the push asks for every tag itself. */
  public static TagsAhead none() {
    return new TagsAhead(new ConcurrentHashMap<>(), "");
  }

  /**
   * Registers one pending answer per tag, at once, so that a push which starts before they are in
   * waits for them rather than asking a second time; {@link Pending#fetch} then asks.
   */
  public Pending expect(String repository, List<String> tags) {
    Map<String, CompletableFuture<Optional<String>>> pending = new LinkedHashMap<>();
    for (String tag : tags) {
      CompletableFuture<Optional<String>> answer = new CompletableFuture<>();
      run.put(key(repository, tag), answer);
      pending.put(tag, answer);
    }
    return new Pending(pending);
  }

  /**
   * The digest {@code tag} points at: the build's answer when there is one (taken, so a second push
   * asks anew), else {@code own}'s.
   */
  public Optional<String> digestOf(
      String repository, String tag, SideBySide.Call<String, Optional<String>, IOException> own)
      throws IOException {
    CompletableFuture<Optional<String>> answer = run.remove(key(repository, tag));
    if (answer != null) {
      try {
        return answer.get();
      } catch (ExecutionException e) {
        // the build's request failed: the push's own request says why, or succeeds
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while checking tag " + tag);
      }
    }
    return own.apply(tag);
  }

  private String key(String repository, String tag) {
    return project + " " + repository + ":" + tag;
  }

  /** The answers one build has promised, in tag order. */
  public static final class Pending {

    private final Map<String, CompletableFuture<Optional<String>>> answers;

    private Pending(Map<String, CompletableFuture<Optional<String>>> answers) {
      this.answers = answers;
    }

    /**
     * Asks for each tag in turn, one request each on the caller's thread (over one connection, as
     * {@link TagChecks} does); a failed request fails that answer only.
     */
    public void fetch(SideBySide.Call<String, Optional<String>, IOException> digestOf) {
      for (Map.Entry<String, CompletableFuture<Optional<String>>> answer : answers.entrySet()) {
        if (answer.getValue().isDone()) {
          continue;
        }
        try {
          answer.getValue().complete(digestOf.apply(answer.getKey()));
        } catch (Throwable e) {
          answer.getValue().completeExceptionally(e);
        }
      }
    }

    /** Fails every answer not in yet, so no push waits for it: the push asks itself. */
    public void abandon() {
      IllegalStateException notAsked = new IllegalStateException("not asked ahead");
      answers.values().forEach(answer -> answer.completeExceptionally(notAsked));
    }
  }
}
