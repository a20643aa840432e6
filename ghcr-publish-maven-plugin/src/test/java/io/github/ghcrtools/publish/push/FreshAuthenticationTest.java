package io.github.ghcrtools.publish.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.ghcrtools.core.retry.HttpStatusException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A 401 (ghcr.io wanting a bearer token, or a token that expired mid-push) gets exactly one more
 * attempt after fresh authentication; nothing else does.
 */
class FreshAuthenticationTest {

  private final List<String> events = new ArrayList<>();

  /** Answers the given failures in turn (null: success), recording each attempt. */
  private FreshAuthentication.Call<String> registry(Exception... answers) {
    return () -> {
      int attempt = (int) events.stream().filter(e -> e.startsWith("attempt")).count();
      events.add("attempt " + (attempt + 1));
      Exception answer = attempt < answers.length ? answers[attempt] : null;
      if (answer instanceof IOException io) {
        throw io;
      }
      return "manifest";
    };
  }

  private FreshAuthentication renewing(boolean available) {
    return new FreshAuthentication(() -> {
      events.add("renew");
      return available;
    });
  }

  @Test
  void anExpiredTokenIsRenewedAndTheCallMadeOnceMore() throws Exception {
    String result = renewing(true).call(registry(new HttpStatusException(401, "token expired")));

    assertEquals("manifest", result);
    assertEquals(List.of("attempt 1", "renew", "attempt 2"), events);
  }

  @Test
  void aSecond401IsFinal() {
    HttpStatusException second = new HttpStatusException(401, "still unauthorized");

    IOException e = assertThrows(IOException.class,
        () -> renewing(true).call(registry(new HttpStatusException(401, "expired"), second)));

    assertSame(second, e);
    assertEquals(List.of("attempt 1", "renew", "attempt 2"), events);
  }

  @Test
  void withoutFreshAuthenticationOnOfferThe401IsFinalAtOnce() {
    HttpStatusException unauthorized = new HttpStatusException(401, "wrong token");

    IOException e = assertThrows(IOException.class, () -> renewing(false).call(registry(unauthorized)));

    assertSame(unauthorized, e);
    assertEquals(List.of("attempt 1", "renew"), events);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 403, 404, 409, 502})
  void otherStatusesAreNotReauthenticated(int status) {
    HttpStatusException failure = new HttpStatusException(status, "status " + status);

    IOException e = assertThrows(IOException.class, () -> renewing(true).call(registry(failure)));

    assertSame(failure, e);
    assertEquals(List.of("attempt 1"), events);
  }
}
