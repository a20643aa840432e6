package io.github.ghcrtools.core.registry;

import io.github.ghcrtools.core.retry.RetryBudget;
import io.github.ghcrtools.core.retry.RetryPolicy;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * How a goal's registry calls behave: the User-Agent they send, the retry policy of each call, the
 * retry wait the whole goal may spend, where a retry is reported (a warning line), and the bearer
 * tokens already fetched in this Maven run (so the release at the end of the reactor does not ask
 * again for a token its module just got; memory only, never written anywhere).
 */
public record RegistryCalls(
    String userAgent,
    RetryPolicy retry,
    RetryBudget budget,
    Consumer<String> warn,
    Map<String, String> tokens) {

  public RegistryCalls {
    Objects.requireNonNull(userAgent, "userAgent");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(warn, "warn");
    Objects.requireNonNull(tokens, "tokens");
  }

  /** With a token cache of its own. */
  public RegistryCalls(
      String userAgent, RetryPolicy retry, RetryBudget budget, Consumer<String> warn) {
    this(userAgent, retry, budget, warn, new ConcurrentHashMap<>());
  }

  /** These calls sharing {@code cache} (a concurrent map) with others of the run. */
  public RegistryCalls withTokens(Map<String, String> cache) {
    return new RegistryCalls(userAgent, retry, budget, warn, cache);
  }

  @Override
  public String toString() {
    return "RegistryCalls[" + userAgent + ", " + tokens.size() + " token(s)]";
  }
}
