package io.github.ghcrtools.core.registry;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The blobs a Maven run has seen on ghcr.io, and where: a blob a repository holds is not asked
 * about again, and a big one (a jar two services share) is uploaded once, the other repository
 * mounting it from the first ({@code POST ...?mount=&from=}) instead of sending it again. Under
 * {@code -T} the second module may ask while the first is still sending: it waits for that upload,
 * which is running (a claim is made right before the upload starts, and the uploader never waits
 * for anyone), so no wait can close a cycle.
 *
 * <p>Backed by a map of JDK types only (digest to the repository it landed in), which the run
 * shares across plugin realms; memory only. Keyed by who sends, since another user's repository may
 * not be readable with these credentials.
 */
final class SharedBlobs {

  private final Map<String, CompletableFuture<String>> landed;

  SharedBlobs(Map<String, CompletableFuture<String>> landed) {
    this.landed = landed;
  }

  /** True when {@code repository} was seen to hold {@code digest} earlier in this run. */
  boolean heldBy(String sender, String repository, String digest) {
    return landed.containsKey(sender + repository + "@" + digest);
  }

  /**
   * Notes that {@code repository} holds {@code digest} (it answered a HEAD, took an upload or a
   * mount), so the run does not ask again: the release attaches the SBOM its module uploaded.
   */
  void held(String sender, String repository, String digest) {
    landed.putIfAbsent(
        sender + repository + "@" + digest, CompletableFuture.completedFuture(repository));
  }

  /**
   * Claims the upload of {@code digest}, or finds whose it is, among the repositories of {@code
   * owner}: mounts stay within one owner, since another namespace may not be readable with these
   * credentials.
   *
   * @param sender who sends (the credentials' key, never the token)
   */
  Claim claim(String sender, String owner, String digest) {
    String key = sender + owner + "/" + digest;
    CompletableFuture<String> mine = new CompletableFuture<>();
    CompletableFuture<String> theirs = landed.putIfAbsent(key, mine);
    return theirs == null ? new Claim(key, mine, true) : new Claim(key, theirs, false);
  }

  /** One blob's entry: this caller uploads it, or another upload tells where it landed. */
  final class Claim {
    private final String key;
    private final CompletableFuture<String> where;
    private final boolean mine;

    private Claim(String key, CompletableFuture<String> where, boolean mine) {
      this.key = key;
      this.where = where;
      this.mine = mine;
    }

    /**
     * True when this caller uploads the blob and must report {@link #landed} or {@link #failed}.
     */
    boolean mine() {
      return mine;
    }

    /** The claimed upload completed in {@code repository}: later askers mount from there. */
    void landed(String repository) {
      where.complete(repository);
    }

    /**
     * This caller sent the blob itself after the mount from the claimed repository failed: later
     * askers mount from {@code repository} instead.
     */
    void movedTo(String repository) {
      landed.replace(key, where, CompletableFuture.completedFuture(repository));
    }

    /** The claimed upload failed: waiters send the blob themselves, a later asker claims anew. */
    void failed() {
      landed.remove(key, where);
      where.complete(null);
    }

    /**
     * The repository the other upload landed in; empty when it failed or took longer than {@code
     * patience} (the caller then sends the blob itself).
     */
    Optional<String> await(Duration patience) throws InterruptedException {
      try {
        return Optional.ofNullable(where.get(patience.toMillis(), TimeUnit.MILLISECONDS));
      } catch (ExecutionException | TimeoutException e) {
        return Optional.empty();
      }
    }
  }
}
