package io.github.ghcrtools.publish.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.credentials.Secret;
import io.github.ghcrtools.core.registry.RegistryCalls;
import io.github.ghcrtools.publish.testing.TestProjects;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BasePlatformsTest {

  private static final List<ImagePlatform> BOTH =
      List.of(ImagePlatform.parse("linux/amd64"), ImagePlatform.parse("linux/arm64"));

  /** Stands for the goal's registry calls: says so when the check asks for them. */
  private static final class GoalCallsAsked extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  private static final Supplier<RegistryCalls> GOAL_CALLS =
      () -> {
        throw new GoalCallsAsked();
      };

  private static BuildRequest request(Path basedir, BaseImage base) {
    BuildRequest plain = TestProjects.request(basedir, TestProjects.spec(base, Map.of(), BOTH));
    return new BuildRequest(
        plain.target(),
        plain.tags(),
        plain.spec(),
        plain.files(),
        plain.basedir(),
        plain.buildDirectory(),
        Optional.of(new RegistryCredentials("acme", Secret.of("base-token"), "test")),
        plain.toolVersion(),
        plain.baseImageCache());
  }

  @Test
  void aGhcrBaseIsReadWithTheGoalsRegistryCalls(@TempDir Path basedir) {
    BaseImage base =
        BaseImages.parse("ghcr.io/acme/base@sha256:" + "a".repeat(64), basedir, w -> {});

    // the goal's calls carry its retry budget, its warning lines and the run's HTTP client
    assertThrows(
        GoalCallsAsked.class, () -> BasePlatforms.check(request(basedir, base), GOAL_CALLS));
  }

  @Test
  void scratchServesEveryPlatformWithoutAskingTheRegistry(@TempDir Path basedir) throws Exception {
    BaseImage scratch = new BaseImage.Scratch();

    Map<ImagePlatform, BaseImage> bases =
        BasePlatforms.check(request(basedir, scratch), GOAL_CALLS);

    assertEquals(BOTH, List.copyOf(bases.keySet()));
    bases.values().forEach(b -> assertSame(scratch, b));
  }
}
