package io.github.ghcrtools.publish.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TagChecksTest {

  @Test
  void eachTagIsCheckedOnTheCallersThreadInTheGivenOrder() throws IOException {
    Thread caller = Thread.currentThread();
    List<String> asked = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();

    Map<String, Optional<String>> state =
        TagChecks.digestsOf(
            tag -> {
              asked.add(tag);
              threads.add(Thread.currentThread());
              return tag.equals("latest") ? Optional.empty() : Optional.of("sha256:" + tag);
            },
            List.of("1.0.0", "sha-0123456", "1.0", "1", "latest"));

    assertEquals(List.of("1.0.0", "sha-0123456", "1.0", "1", "latest"), asked);
    assertEquals(
        List.of(caller, caller, caller, caller, caller), threads, "one connection's thread");
    assertEquals(List.copyOf(state.keySet()), asked, "the result keeps the tags' order");
    assertEquals(Optional.of("sha256:1.0"), state.get("1.0"));
    assertEquals(Optional.empty(), state.get("latest"));
  }

  @Test
  void aFailedCheckStopsTheRest() {
    List<String> asked = new ArrayList<>();

    IOException failure =
        assertThrows(
            IOException.class,
            () ->
                TagChecks.digestsOf(
                    tag -> {
                      asked.add(tag);
                      if (tag.equals("1.0")) {
                        throw new IOException("HEAD 1.0: 502");
                      }
                      return Optional.empty();
                    },
                    List.of("1.0.0", "1.0", "1", "latest")));

    assertEquals("HEAD 1.0: 502", failure.getMessage());
    assertEquals(List.of("1.0.0", "1.0"), asked, "no request after the failure");
  }
}
