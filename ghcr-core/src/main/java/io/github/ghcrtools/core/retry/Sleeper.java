package io.github.ghcrtools.core.retry;

import java.time.Duration;

/** How a retry waits; tests pass a recorder instead of really sleeping. */
@FunctionalInterface
public interface Sleeper {

  /** Sleeps on the current thread. */
  Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
