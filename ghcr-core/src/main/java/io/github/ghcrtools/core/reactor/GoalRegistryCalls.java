package io.github.ghcrtools.core.reactor;

import io.github.ghcrtools.core.registry.RegistryCalls;
import io.github.ghcrtools.core.retry.RetryBudget;
import io.github.ghcrtools.core.retry.RetryPolicy;
import java.net.http.HttpClient;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.descriptor.PluginDescriptor;

/**
 * How a goal's registry calls are set up, the one way every plugin's goals do it: the plugin and
 * its version as User-Agent, the suite's retry defaults, one wait budget for the goal ({@code
 * retryMaxTotalWait}, named with its property when it is wrong), each retry a warning line, and the
 * bearer tokens, landed blobs and HTTP client of the Maven run shared, so the end-of-reactor work
 * does not fetch again a token a module just got, a jar two modules share is sent once, and
 * connections to ghcr.io are opened once.
 */
public final class GoalRegistryCalls {

  private GoalRegistryCalls() {}

  /**
   * @param session the run, or null outside one (unit tests): then the tokens are the goal's own
   * @param pluginName the plugin's artifactId
   * @param plugin its descriptor, for the version; null reads "unknown"
   * @param property the user property of {@code retryMaxTotalWait}, for the message when it is bad
   */
  public static RegistryCalls of(
      MavenSession session,
      String pluginName,
      PluginDescriptor plugin,
      int retryMaxTotalWait,
      String property,
      Consumer<String> warn) {
    RegistryCalls own =
        new RegistryCalls(
            pluginName + "/" + (plugin == null ? "unknown" : plugin.getVersion()),
            RetryPolicy.defaults(),
            RetryBudget.ofSeconds(retryMaxTotalWait, "retryMaxTotalWait", property),
            warn);
    if (session == null) {
      return own;
    }
    var state = ReactorEnd.state(session);
    return own.sharing(state.tokens(), state.landedBlobs(), transport(session));
  }

  /** Where the run's HTTP client is kept (made by the first call that needs it). */
  public static AtomicReference<HttpClient> transport(MavenSession session) {
    return ReactorEnd.state(session).transport();
  }
}
