package io.github.ghcrtools.core.reactor;

import io.github.ghcrtools.core.failure.UserError;
import io.github.ghcrtools.core.promote.ChannelMover;
import io.github.ghcrtools.core.promote.PlannedPromotion;
import io.github.ghcrtools.core.release.ReleaseState;
import java.util.List;
import java.util.function.Consumer;
import org.apache.maven.execution.MavenSession;

/**
 * Hands a module's checked channel move to the end of the reactor, the one way both promote goals
 * do it: a release's images and chart move together once every project has succeeded, after the
 * release's own tags and before the deploy signal, or not at all. The first module to deliver
 * offers the mover; what it moves is every module's plan.
 */
public final class PromotionDelivery {

  private PromotionDelivery() {}

  /**
   * @param session the run, or null outside a reactor (moved at once)
   * @param mover moves with this goal's credentials and retry settings
   */
  public static void deliver(
      MavenSession session,
      PlannedPromotion promotion,
      ChannelMover mover,
      Consumer<String> info,
      Consumer<String> warn) {
    if (session == null) {
      mover.move(List.of(promotion));
      return;
    }
    ReleaseState state = ReactorEnd.state(session);
    if (state.awaitsRelease(promotion.repository())) {
      // the module's check found what the registry held before this build (a record left under
      // target/ by an earlier build): the channel would move to that, after this release
      throw new UserError(
          "Not promoting "
              + promotion.repository()
              + ":"
              + promotion.channel()
              + ": this build also pushes "
              + promotion.repository()
              + ", and its release is published only at the end of the reactor, after this goal,"
              + " so the channel would move to what the registry held before ("
              + promotion.digest()
              + "). Promote in a build of its own after the deploy (mvn ghcr:promote"
              + " helm-oci:promote -Dghcr.channel="
              + promotion.channel()
              + " -Dghcr.promote.version=<version>), or publish in the module with"
              + " -Dghcr.pushAtEnd=false.");
    }
    ReactorEnd.of(session, warn);
    state.planned(promotion);
    state.delivered(promotion.project());
    state.offerPromoter(() -> mover.move(state.plannedPromotions()).forEach(state::published));
    info.accept(
        "Ready: "
            + promotion.repository()
            + ":"
            + promotion.channel()
            + " moves to "
            + promotion.digest()
            + " with the rest of the release once every project of the reactor has succeeded");
  }
}
