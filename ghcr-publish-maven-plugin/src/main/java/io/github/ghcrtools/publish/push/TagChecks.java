package io.github.ghcrtools.publish.push;

import io.github.ghcrtools.core.registry.SideBySide;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Asks the registry which digest each tag points at: one request per tag. The first check runs
 * alone (it settles authentication, e.g. ghcr.io's token exchange); the others then run side by
 * side, so a release's five tags cost about two round trips instead of five.
 */
public final class TagChecks {

  private TagChecks() {}

  /**
   * Tag to digest (empty when the tag does not exist), in the order of {@code tags}.
   *
   * @param digestOf one registry request: the digest a tag points at
   */
  public static Map<String, Optional<String>> digestsOf(
      SideBySide.Call<String, Optional<String>, IOException> digestOf, List<String> tags)
      throws IOException {
    Map<String, Optional<String>> state = new LinkedHashMap<>();
    if (tags.isEmpty()) {
      return state;
    }
    state.put(tags.get(0), digestOf.apply(tags.get(0)));
    List<String> rest = tags.subList(1, tags.size());
    List<Optional<String>> digests = SideBySide.REGISTRY_CALLS.map(rest, digestOf);
    for (int i = 0; i < rest.size(); i++) {
      state.put(rest.get(i), digests.get(i));
    }
    return state;
  }
}
