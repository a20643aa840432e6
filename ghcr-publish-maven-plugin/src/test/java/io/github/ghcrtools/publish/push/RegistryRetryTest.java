package io.github.ghcrtools.publish.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.retry.HttpStatusException;
import io.github.ghcrtools.core.retry.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistryRetryTest {

  /** Three attempts, no real waiting. */
  private final List<String> lines = new ArrayList<>();
  private final RegistryRetry retry =
      new RegistryRetry(new RetryPolicy(3, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1)), lines::add);

  @Test
  void transientStatusesAreRetried() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    String result =
        retry.call(
            "push api",
            () -> {
              if (calls.incrementAndGet() < 3) {
                throw new HttpStatusException(502, "bad gateway");
              }
              return "ok";
            });
    assertEquals("ok", result);
    assertEquals(3, calls.get());
    assertEquals(2, lines.size());
    assertTrue(lines.get(0).startsWith("push api failed"), lines.get(0));
  }

  @Test
  void ghcrsUnknownBlobAfterUploadIsRetried() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    retry.call(
        "push api",
        () -> {
          if (calls.incrementAndGet() == 1) {
            throw new IOException("PUT failed: {\"errors\":[{\"code\":\"BLOB_UPLOAD_UNKNOWN\"}]}");
          }
          return null;
        });
    assertEquals(2, calls.get());
  }

  /**
   * GHCR answers an upload it forgot with 404 BLOB_UPLOAD_UNKNOWN (Jib issue 4301): the one 4xx
   * worth another attempt, because the next attempt starts over with Jib's HEAD of every blob
   * and only sends what the registry really lacks. Every other 4xx fails at the first attempt.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "404 BLOB_UPLOAD_UNKNOWN | 404 | '{\"errors\":[{\"code\":\"BLOB_UPLOAD_UNKNOWN\",\"message\":\"blob upload unknown\"}]}' | 2",
        "404 BLOB_UNKNOWN        | 404 | '{\"errors\":[{\"code\":\"BLOB_UNKNOWN\"}]}'                                          | 2",
        "404 MANIFEST_UNKNOWN    | 404 | '{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}'                                      | 1",
        "400 MANIFEST_INVALID    | 400 | '{\"errors\":[{\"code\":\"MANIFEST_INVALID\"}]}'                                      | 1",
        "400 TAG_INVALID         | 400 | '{\"errors\":[{\"code\":\"TAG_INVALID\"}]}'                                           | 1",
        "413 too large           | 413 | 'request entity too large'                                                               | 1",
      })
  void onlyTheForgottenUploadOfAll4xxIsRetried(String name, int status, String body, int attempts) {
    AtomicInteger calls = new AtomicInteger();
    try {
      retry.call(
          "push api",
          () -> {
            if (calls.incrementAndGet() == 1) {
              throw new HttpStatusException(status, body);
            }
            return "pushed";
          });
    } catch (IOException | InterruptedException e) {
      assertEquals(1, attempts, name + " failed after " + calls.get() + " attempt(s): " + e);
    }
    assertEquals(attempts, calls.get(), name);
  }

  @Test
  void authorizationFailuresSurfaceAtOnceAsTheOriginalException() {
    HttpStatusException denied = new HttpStatusException(403, "denied");
    AtomicInteger calls = new AtomicInteger();
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                retry.call(
                    "push api",
                    () -> {
                      calls.incrementAndGet();
                      throw denied;
                    }));
    assertSame(denied, e);
    assertEquals(1, calls.get());
  }

  @Test
  void givingUpKeepsTheLastFailure() {
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                retry.call(
                    "push api",
                    () -> {
                      throw new HttpStatusException(503, "unavailable");
                    }));
    assertTrue(e instanceof HttpStatusException hs && hs.status() == 503);
  }
}
