package io.github.ghcrtools.core.reactor;

import io.github.ghcrtools.core.registry.RegistryCalls;
import io.github.ghcrtools.core.release.ReleaseState;
import org.apache.maven.execution.ExecutionEvent;
import org.apache.maven.execution.ExecutionListener;
import org.apache.maven.execution.MavenSession;

/**
 * Stops the run's HTTP client ({@link ReleaseState#transport()}) when Maven's session ends, after
 * the release and the signal: its selector thread, blocked in native code, would otherwise hold the
 * JVM's exit for 300 ms (HotSpot waits that long for such threads), and a Maven daemon would keep
 * it. One listener per run, whichever plugin realm registers it first.
 */
final class RunTransport extends ForwardingListener {

  private static final String KEY = ReleaseState.KEY + ".transport-listener";

  private final MavenSession session;

  private RunTransport(ExecutionListener delegate, MavenSession session) {
    super(delegate);
    this.session = session;
  }

  /** Registers the listener for {@code session}'s run, once. */
  static void stopAtSessionEnd(MavenSession session) {
    var request = session.getRequest();
    RunShared.of(session)
        .get(
            KEY,
            () -> {
              request.setExecutionListener(
                  new RunTransport(request.getExecutionListener(), session));
              return Boolean.TRUE;
            });
  }

  @Override
  public void sessionEnded(ExecutionEvent event) {
    try {
      RegistryCalls.stop(ReactorEnd.state(session).transport());
    } finally {
      super.sessionEnded(event);
    }
  }
}
