package io.github.ghcrtools.publish.progress;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which blobs the registry already had when a push asked, and which it mounted from another
 * repository of the run, for the summary line ("3 of 6 layers uploaded, 1 mounted from another
 * repository of this run, 2 already present"). Filled by the push's blob uploads, which run side by
 * side.
 */
public final class LayerTally {

  private final Set<String> present = ConcurrentHashMap.newKeySet();
  private final Set<String> mounted = ConcurrentHashMap.newKeySet();

  void present(String digest) {
    present.add(digest);
  }

  void mounted(String digest) {
    mounted.add(digest);
  }

  /** Of {@code layers}, how many the registry already had. */
  public long presentAmong(Collection<String> layers) {
    return layers.stream().filter(present::contains).count();
  }

  /** Of {@code layers}, how many the registry mounted from another repository. */
  public long mountedAmong(Collection<String> layers) {
    return layers.stream().filter(mounted::contains).count();
  }
}
