package io.github.ghcrtools.publish.push;

import io.github.ghcrtools.core.registry.SideBySide;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Asks the registry which digest each tag points at: one HEAD per tag, one after another on the
 * caller's thread, so that they all go over the connection the first one opened. Sent side by side,
 * each check past the first opened a connection of its own (HTTP/1.1 has one request in flight per
 * connection): a CONNECT through the runner's proxy and a TLS handshake for a request of a few
 * hundred bytes, which cost a warm {@code ghcr:push} about a tenth of a second on two cores
 * (docs/performance-history.md, session 13). Against a distant registry one after another costs at
 * most about a round trip more, about what each new connection's handshake costs.
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
    for (String tag : tags) {
      state.put(tag, digestOf.apply(tag));
    }
    return state;
  }
}
