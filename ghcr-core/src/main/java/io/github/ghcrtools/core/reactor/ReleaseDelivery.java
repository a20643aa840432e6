package io.github.ghcrtools.core.reactor;

import io.github.ghcrtools.core.release.PreparedArtifact;
import io.github.ghcrtools.core.release.ReleasePublisher;
import io.github.ghcrtools.core.release.ReleaseState;
import java.util.List;
import java.util.function.Consumer;
import org.apache.maven.execution.MavenSession;

/**
 * Hands a module's prepared artifact to the release, the one way both push goals do it. At the end
 * of the reactor (the default) it joins the release, and the first module to deliver offers the
 * publisher that tags every artifact once the last project has succeeded; on its own ({@code
 * pushAtEnd=false}) it is published at once. Either way the run remembers which project delivered
 * it, so the deploy signal can tell a complete release from a partial one.
 */
public final class ReleaseDelivery {

  private ReleaseDelivery() {}

  /**
   * @param publisher publishes with this goal's credentials and retry settings
   * @param info the goal's info log
   * @param warn the goal's warning log (also where a stopped release is reported)
   */
  public static void deliver(
      MavenSession session,
      PreparedArtifact artifact,
      boolean atEnd,
      ReleasePublisher publisher,
      Consumer<String> info,
      Consumer<String> warn) {
    ReleaseState state = ReactorEnd.state(session);
    ReactorEnd.of(session, warn);
    if (atEnd) {
      state.prepared(artifact);
      state.offerPublisher(() -> publisher.publish(state.prepared()).forEach(state::published));
      info.accept(
          "Ready: "
              + artifact.repository()
              + "@"
              + artifact.digest()
              + " is published with the rest of"
              + " the release once every project of the reactor has succeeded (pushAtEnd)");
    } else {
      publisher.publish(List.of(artifact)).forEach(state::published);
    }
    state.delivered(artifact.project());
  }
}
