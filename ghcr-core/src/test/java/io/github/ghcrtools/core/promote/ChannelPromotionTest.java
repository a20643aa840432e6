package io.github.ghcrtools.core.promote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.credentials.Secret;
import io.github.ghcrtools.core.failure.UserError;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.registry.FakeGhcr;
import io.github.ghcrtools.core.registry.OciRegistry;
import io.github.ghcrtools.core.registry.RegistryCalls;
import io.github.ghcrtools.core.registry.Sha256;
import io.github.ghcrtools.core.retry.RetryBudget;
import io.github.ghcrtools.core.retry.RetryPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** A chart repository on the in-memory registry: promotion through ghcr-core's real client. */
class ChannelPromotionTest {

  private static final RegistryCredentials CREDENTIALS =
      new RegistryCredentials("octocat", Secret.of("ghp_secret123456"), "env GHCR_TOKEN");
  private static final GhcrReference CHART = new GhcrReference("acme/charts/pytoya", null, null);
  private static final String CHART_TYPE = "application/vnd.oci.image.manifest.v1+json";

  private final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
  private final Map<String, String> tags = new ConcurrentHashMap<>();
  private final FakeGhcr http = new FakeGhcr(this::answer);
  private final ChannelPromotion promotion =
      new ChannelPromotion(
          CHART,
          TaggedRepository.of(
              OciRegistry.over(
                  http,
                  CHART,
                  CREDENTIALS,
                  OciRegistry.Access.PUSH,
                  new RegistryCalls(
                      "test",
                      new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO),
                      RetryBudget.unlimited(),
                      w -> {}))));

  private FakeGhcr.Answer answer(FakeGhcr.Sent sent) {
    String path = sent.uri().getPath();
    if (path.equals("/token")) {
      return FakeGhcr.Answer.of(200).body("{\"token\":\"t\"}");
    }
    String reference = path.substring(path.lastIndexOf('/') + 1);
    if (sent.method().equals("PUT")) {
      String digest = Sha256.digestOf(sent.body());
      manifests.put(digest, sent.body());
      tags.put(reference, digest);
      return FakeGhcr.Answer.of(201, "Docker-Content-Digest", digest);
    }
    String digest = reference.startsWith("sha256:") ? reference : tags.get(reference);
    byte[] bytes = digest == null ? null : manifests.get(digest);
    return bytes == null
        ? FakeGhcr.Answer.of(404)
        : new FakeGhcr.Answer(
            200, Map.of("Docker-Content-Digest", digest, "Content-Type", CHART_TYPE), bytes);
  }

  private String release(String version) {
    byte[] manifest =
        ("{\"schemaVersion\":2,\"mediaType\":\"" + CHART_TYPE + "\",\"v\":\"" + version + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    String digest = Sha256.digestOf(manifest);
    manifests.put(digest, manifest);
    tags.put(version, digest);
    return digest;
  }

  @Test
  void aReleasedVersionIsPromotedWithItsBytesAndRolledBack() throws Exception {
    String first = release("0.1.0");
    String second = release("0.2.0");

    PromoteResult up = promotion.promote("prod", promotion.releasedDigest("0.2.0", "p"), "-Dp");
    assertEquals(Optional.empty(), up.previous());
    assertEquals(second, tags.get("prod"));
    assertArrayEquals(manifests.get(second), manifests.get(tags.get("prod")));

    PromoteResult back = promotion.promote("prod", promotion.releasedDigest("0.1.0", "p"), "-Dp");
    assertEquals(Optional.of(second), back.previous());
    assertEquals(first, tags.get("prod"));
    assertEquals(
        "Promoted ghcr.io/acme/charts/pytoya:prod -> " + first + " (was " + second + ")",
        back.summaryLine());
    assertEquals(second, tags.get("0.2.0"), "the release tags never move");
  }

  @Test
  void aChannelAlreadyThereWritesNothing() throws Exception {
    String digest = release("0.1.0");
    promotion.promote("dev", digest, "-Dp");
    long puts = http.count("PUT", "/manifests/");

    PromoteResult again = promotion.promote("dev", digest, "-Dp");

    assertFalse(again.changed());
    assertEquals(puts, http.count("PUT", "/manifests/"));
    assertTrue(again.summaryLine().endsWith("already points to " + digest + "; nothing changed"));
  }

  @Test
  void whatTheRepositoryDoesNotHoldIsRefused() {
    release("0.1.0");
    UserError version =
        assertThrows(
            UserError.class, () -> promotion.releasedDigest("0.9.0", "ghcr.promote.version"));
    assertEquals(
        "ghcr.io/acme/charts/pytoya has no tag 0.9.0: that version was never published there;"
            + " check -Dghcr.promote.version against the released versions.",
        version.getMessage());
    String unknown = "sha256:" + "9".repeat(64);
    UserError digest =
        assertThrows(UserError.class, () -> promotion.promote("prod", unknown, "-Dx.digest"));
    assertTrue(
        digest.getMessage().contains(unknown + " does not exist in ghcr.io/acme/charts/pytoya"),
        digest.getMessage());
    assertEquals(0, http.count("PUT", "/manifests/"));
  }
}
