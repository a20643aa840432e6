package io.github.ghcrtools.core.registry;

import io.github.ghcrtools.core.retry.RetryBudget;
import io.github.ghcrtools.core.retry.RetryPolicy;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * How a goal's registry calls behave: the User-Agent they send, the retry policy of each call, the
 * retry wait the whole goal may spend, where a retry is reported (a warning line), the bearer
 * tokens already fetched in this Maven run (so the release at the end of the reactor does not ask
 * again for a token its module just got; memory only, never written anywhere), and where the run's
 * big blobs landed (so another repository mounts them instead of receiving them again).
 */
public record RegistryCalls(
    String userAgent,
    RetryPolicy retry,
    RetryBudget budget,
    Consumer<String> warn,
    Map<String, String> tokens,
    Map<String, CompletableFuture<String>> landedBlobs) {

  public RegistryCalls {
    Objects.requireNonNull(userAgent, "userAgent");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(warn, "warn");
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(landedBlobs, "landedBlobs");
  }

  /** With a token cache and blob ledger of its own. */
  public RegistryCalls(
      String userAgent, RetryPolicy retry, RetryBudget budget, Consumer<String> warn) {
    this(userAgent, retry, budget, warn, new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
  }

  /** These calls sharing the run's {@code tokens} and {@code landedBlobs} (concurrent maps). */
  public RegistryCalls sharing(
      Map<String, String> tokens, Map<String, CompletableFuture<String>> landedBlobs) {
    return new RegistryCalls(userAgent, retry, budget, warn, tokens, landedBlobs);
  }

  @Override
  public String toString() {
    return "RegistryCalls[" + userAgent + ", " + tokens.size() + " token(s)]";
  }
}
