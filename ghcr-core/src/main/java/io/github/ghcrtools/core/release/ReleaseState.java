package io.github.ghcrtools.core.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.ghcrtools.core.record.PublishRecord;
import io.github.ghcrtools.core.record.PublishRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

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

  private static final ObjectMapper JSON =
      JsonMapper.builder().addModule(new JavaTimeModule()).build();

  private final Map<String, Object> shared;

  private ReleaseState(Map<String, Object> shared) {
    this.shared = shared;
  }

  /** The state of the run whose data map is {@code runData} (created on first use). */
  @SuppressWarnings("unchecked")
  public static ReleaseState of(Map<String, Object> runData) {
    synchronized (runData) {
      return new ReleaseState(
          (Map<String, Object>) runData.computeIfAbsent(KEY, k -> new ConcurrentHashMap<>()));
    }
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
    try {
      queue("prepared").add(JSON.writeValueAsString(artifact));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The artifacts prepared so far, in a stable order (kind, then name). */
  public List<PreparedArtifact> prepared() {
    List<PreparedArtifact> artifacts = new ArrayList<>();
    for (String json : queue("prepared")) {
      try {
        artifacts.add(JSON.readValue(json, PreparedArtifact.class));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    artifacts.sort(
        Comparator.comparing((PreparedArtifact a) -> a.kind().value())
            .thenComparing(PreparedArtifact::name));
    return artifacts;
  }

  /** Adds a record of something published in this run. */
  public void published(PublishRecord record) {
    queue("published").add(PublishRecords.toJson(record));
  }

  /** The records published in this run. */
  public List<PublishRecord> published() {
    return queue("published").stream().map(PublishRecords::fromJson).toList();
  }

  /**
   * Offers the end-of-reactor publisher; the first offer wins and later ones are ignored. The one
   * kept runs at most once, however many plugins ask it to.
   */
  public void offerPublisher(Runnable publisher) {
    shared.putIfAbsent("publisher", new FutureTask<Void>(publisher, null));
  }

  /**
   * Runs the publisher if one was offered, once in the run, and in every caller waits until it has
   * finished: a caller that comes second (another thread, another plugin) must not go on to the
   * deploy signal while the tags are still being written. Its failure is every caller's.
   *
   * @return false when none was offered
   */
  public boolean runPublisher() {
    if (!(shared.get("publisher") instanceof FutureTask<?> task)) {
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

  /** The run's bearer-token cache, shared by every registry client of the run (memory only). */
  @SuppressWarnings("unchecked")
  public Map<String, String> tokens() {
    return (Map<String, String>)
        shared.computeIfAbsent("tokens", k -> new ConcurrentHashMap<String, String>());
  }

  /** True the first time {@code key} is asked for in this run. */
  public boolean once(String key) {
    return shared.putIfAbsent("once:" + key, Boolean.TRUE) == null;
  }

  @SuppressWarnings("unchecked")
  private Queue<String> queue(String name) {
    return (Queue<String>) shared.computeIfAbsent(name, k -> new ConcurrentLinkedQueue<String>());
  }
}
