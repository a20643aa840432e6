package io.github.ghcrtools.core.registry;

import io.github.ghcrtools.core.retry.RetryBudget;
import io.github.ghcrtools.core.retry.RetryPolicy;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a goal's registry calls behave: the User-Agent they send, the retry policy of each call,
 * the retry wait the whole goal may spend, and where a retry is reported (a warning line).
 */
public record RegistryCalls(String userAgent, RetryPolicy retry, RetryBudget budget, Consumer<String> warn) {

    public RegistryCalls {
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(warn, "warn");
    }
}
