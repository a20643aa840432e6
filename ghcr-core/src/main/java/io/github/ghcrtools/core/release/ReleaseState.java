package io.github.ghcrtools.core.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.ghcrtools.core.promote.PlannedPromotion;
import io.github.ghcrtools.core.record.PublishRecord;
import io.github.ghcrtools.core.record.PublishRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * What the plugins of one Maven run share about the release: the artifacts prepared, the records
 * published, the one publisher and the one-time decisions. The three plugins run in class realms of
 * their own, so a class of this library is a different class in each; the state therefore lives in
 * JDK types only (a concurrent map of queues of JSON text, a {@link Runnable}, flags), in the map
 * Maven hands every plugin of the run ({@code MavenExecutionRequest.getData()}).
 */
public final class ReleaseState {

  /** The key in the run's data map. */
  public static final String KEY = "io.github.ghcrtools.release";

  /**
   * Made on first use: every goal asks for the state (for the run's HTTP client at least), and
   * loading the JSON mapping takes a tenth of a second that an up-to-date build need not wait for.
   */
  private static final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder().addModule(new JavaTimeModule()).build();
  }

  private final Map<String, Object> shared;

  private ReleaseState(Map<String, Object> shared) {
    this.shared = shared;
  }

  /**
   * The state kept in {@code shared}, the map the run keeps under {@link #KEY} (made there on first
   * use, under the run's lock).
   */
  @SuppressWarnings("unchecked")
  public static ReleaseState over(Object shared) {
    return new ReleaseState((Map<String, Object>) shared);
  }

  /** Notes that {@code project} delivered its artifact to this release (prepared or published). */
  public void delivered(String project) {
    queue("delivered").add(project);
  }

  /** The projects that delivered something to this release. */
  public java.util.Set<String> deliveredProjects() {
    return new java.util.TreeSet<>(queue("delivered"));
  }

  /** Adds an artifact made ready by a module, to be published at the end of the reactor. */
  public void prepared(PreparedArtifact artifact) {
    add("prepared", artifact);
  }

  /** The artifacts prepared so far, in a stable order (kind, then name). */
  public List<PreparedArtifact> prepared() {
    List<PreparedArtifact> artifacts = new ArrayList<>(read("prepared", PreparedArtifact.class));
    artifacts.sort(
        Comparator.comparing((PreparedArtifact a) -> a.kind().value())
            .thenComparing(PreparedArtifact::name));
    return artifacts;
  }

  /** The artifacts prepared in this run that no record of this run publishes yet. */
  public List<PreparedArtifact> unpublished() {
    List<PublishRecord> done = published();
    return prepared().stream()
        .filter(
            a ->
                done.stream()
                    .noneMatch(
                        r ->
                            r.repository().equals(a.repository()) && r.digest().equals(a.digest())))
        .toList();
  }

  /**
   * Whether this run prepared an artifact of {@code repository} ({@code ghcr.io/<owner>/<path>})
   * that the end of the reactor has not published yet.
   */
  public boolean awaitsRelease(String repository) {
    return unpublished().stream().anyMatch(a -> a.repository().equals(repository));
  }

  /** Adds a record of something published in this run. */
  public void published(PublishRecord record) {
    queue("published").add(PublishRecords.toJson(record));
  }

  /** The records published in this run. */
  public List<PublishRecord> published() {
    return queue("published").stream().map(PublishRecords::fromJson).toList();
  }

  /** Adds a channel move checked by a module, to be made at the end of the reactor. */
  public void planned(PlannedPromotion promotion) {
    add("planned", promotion);
  }

  /** The channel moves planned so far. */
  public List<PlannedPromotion> plannedPromotions() {
    return read("planned", PlannedPromotion.class);
  }

  /**
   * Offers the end-of-reactor publisher; the first offer wins and later ones are ignored. The one
   * kept runs at most once, however many plugins ask it to.
   */
  public void offerPublisher(Runnable publisher) {
    shared.putIfAbsent("publisher", new FutureTask<Void>(publisher, null));
  }

  /**
   * Offers the end-of-reactor mover of the planned channels, run after the publisher; the first
   * offer wins, as for the publisher.
   */
  public void offerPromoter(Runnable promoter) {
    shared.putIfAbsent("promoter", new FutureTask<Void>(promoter, null));
  }

  /**
   * Offers the end-of-reactor check of the release ({@code ghcr:verify}), run after the publisher
   * and the promoter and before any plugin's own end-of-reactor action (the deploy signal): each
   * plugin's listener runs its own actions first, so a check that were one of them could come after
   * the signal. The first offer wins.
   */
  public void offerCheck(Runnable check) {
    shared.putIfAbsent("check", new FutureTask<Void>(check, null));
  }

  /**
   * Runs the publisher, then the promoter, then the check, those that were offered, once in the
   * run, and in every caller waits until they have finished: a caller that comes second (another
   * thread, another plugin) must not go on to the deploy signal while tags are still being written
   * or the release is still being checked. A failure is every caller's.
   *
   * @return false when neither a publisher nor a promoter was offered
   */
  public boolean runPublisher() {
    boolean publisher = runOnce("publisher");
    boolean promoter = runOnce("promoter");
    runOnce("check");
    return publisher || promoter;
  }

  private boolean runOnce(String key) {
    if (!(shared.get(key) instanceof FutureTask<?> task)) {
      return false;
    }
    task.run(); // a no-op when it already ran or is running
    try {
      task.get();
      return true;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime
          ? runtime
          : new IllegalStateException(
              "publishing the release failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the release was being published", e);
    }
  }

  /**
   * The run's bearer-token cache, shared by every registry client of the run (memory only): each
   * token as a future, pending while one client fetches it.
   */
  @SuppressWarnings("unchecked")
  public Map<String, CompletableFuture<String>> tokens() {
    return (Map<String, CompletableFuture<String>>)
        shared.computeIfAbsent(
            "bearerTokens", k -> new ConcurrentHashMap<String, CompletableFuture<String>>());
  }

  /**
   * Where the run's big blobs landed (digest to repository, per sender), so another repository
   * mounts them instead of receiving them again (memory only).
   */
  @SuppressWarnings("unchecked")
  public Map<String, CompletableFuture<String>> landedBlobs() {
    return (Map<String, CompletableFuture<String>>)
        shared.computeIfAbsent(
            "landedBlobs", k -> new ConcurrentHashMap<String, CompletableFuture<String>>());
  }

  /**
   * The run's HTTP client, made by the first registry call that needs one: every plugin realm's
   * goals send through it, so connections to ghcr.io are reused across modules (a JDK type).
   */
  @SuppressWarnings("unchecked")
  public AtomicReference<HttpClient> transport() {
    return (AtomicReference<HttpClient>)
        shared.computeIfAbsent("transport", k -> new AtomicReference<HttpClient>());
  }

  /**
   * A line sink that passes on only the first line of the run under {@code key}, from whichever
   * module and plugin realm says it first (a notice that holds for every module, said once).
   */
  public Consumer<String> firstLine(String key, Consumer<String> sink) {
    return line -> {
      if (once("line:" + key)) {
        sink.accept(line);
      }
    };
  }

  /** True the first time {@code key} is asked for in this run. */
  public boolean once(String key) {
    return shared.putIfAbsent("once:" + key, Boolean.TRUE) == null;
  }

  /** Adds {@code value} to a queue of JSON texts (JDK types only cross the plugin realms). */
  private void add(String queue, Object value) {
    try {
      queue(queue).add(Json.MAPPER.writeValueAsString(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private <T> List<T> read(String queue, Class<T> type) {
    List<T> values = new ArrayList<>();
    for (String json : queue(queue)) {
      try {
        values.add(Json.MAPPER.readValue(json, type));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return values;
  }

  @SuppressWarnings("unchecked")
  private Queue<String> queue(String name) {
    return (Queue<String>) shared.computeIfAbsent(name, k -> new ConcurrentLinkedQueue<String>());
  }
}
