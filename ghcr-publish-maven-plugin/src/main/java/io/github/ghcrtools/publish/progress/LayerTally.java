package io.github.ghcrtools.publish.progress;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which blobs the registry already had when a push asked, for the summary line ("3 layers uploaded,
 * 2 already present"). Filled by the push's blob uploads, which run side by side.
 */
public final class LayerTally {

  private final Set<String> present = ConcurrentHashMap.newKeySet();

  void present(String digest) {
    present.add(digest);
  }

  /** Of {@code layers}, how many the registry already had. */
  public long presentAmong(Collection<String> layers) {
    return layers.stream().filter(present::contains).count();
  }
}
