package io.github.ghcrtools.core.reactor;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.maven.execution.MavenSession;

/**
 * What one Maven run shares among its plugin realms and threads: an object kept under a key, made
 * by the first goal to ask. Only JDK types may be kept, since each plugin realm has classes of its
 * own. It lives in the request's data map, which Maven makes lazily and does not synchronize, so it
 * is read and changed only here, under the request's lock: the release state, the reactor-end and
 * transport listeners and the SBOM schema all go through it.
 */
@FunctionalInterface
public interface RunShared {

  /**
   * The object under {@code key}, made by {@code made} when there is none yet. {@code made} runs
   * under the run's lock: it may make the object and register it (a listener), not do its work.
   */
  Object get(String key, Supplier<?> made);

  /** The run of {@code session}; a run of its own when there is no session (unit tests). */
  static RunShared of(MavenSession session) {
    if (session == null) {
      return local();
    }
    var request = session.getRequest();
    return (key, made) -> {
      synchronized (request) {
        Map<String, Object> data = request.getData();
        Object found = data.get(key);
        if (found == null) {
          found = made.get();
          data.put(key, found);
        }
        return found;
      }
    };
  }

  /** A run of its own, for code that runs outside Maven. */
  static RunShared local() {
    Map<String, Object> data = new HashMap<>();
    // get, then put, as the run's own does: a maker may ask this run for another key
    return (key, made) -> {
      synchronized (data) {
        Object found = data.get(key);
        if (found == null) {
          found = made.get();
          data.put(key, found);
        }
        return found;
      }
    };
  }
}
