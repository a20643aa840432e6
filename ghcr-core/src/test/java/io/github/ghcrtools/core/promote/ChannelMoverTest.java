package io.github.ghcrtools.core.promote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.credentials.Secret;
import io.github.ghcrtools.core.failure.UserError;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.PublishRecord;
import io.github.ghcrtools.core.registry.FakeGhcr;
import io.github.ghcrtools.core.registry.OciRegistry;
import io.github.ghcrtools.core.registry.RegistryCalls;
import io.github.ghcrtools.core.registry.Sha256;
import io.github.ghcrtools.core.retry.RetryBudget;
import io.github.ghcrtools.core.retry.RetryPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Channel moves through ghcr-core's real client on the in-memory registry: the checks a module
 * makes and the moves the end of the reactor makes.
 */
class ChannelMoverTest {

  private static final RegistryCredentials CREDENTIALS =
      new RegistryCredentials("octocat", Secret.of("ghp_secret123456"), "env GHCR_TOKEN");
  private static final GhcrReference CHART = new GhcrReference("acme/charts/pytoya", null, null);
  private static final GhcrReference API = new GhcrReference("acme/pytoya/api", null, null);
  private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

  @TempDir Path dir;

  /** manifests by digest; tags by repository path + ":" + tag */
  private final Map<String, byte[]> manifests = new ConcurrentHashMap<>();

  private final Map<String, String> tags = new ConcurrentHashMap<>();
  private final FakeGhcr http = new FakeGhcr(this::answer);
  private final List<String> info = new ArrayList<>();
  private boolean failChartPuts;

  private FakeGhcr.Answer answer(FakeGhcr.Sent sent) {
    String path = sent.uri().getPath();
    if (path.equals("/token")) {
      return FakeGhcr.Answer.of(200).body("{\"token\":\"t\"}");
    }
    String reference = path.substring(path.lastIndexOf('/') + 1);
    String repository = path.substring("/v2/".length(), path.indexOf("/manifests/"));
    if (sent.method().equals("PUT") && failChartPuts && repository.contains("/charts/")) {
      return FakeGhcr.Answer.of(500);
    }
    if (sent.method().equals("PUT")) {
      String digest = Sha256.digestOf(sent.body());
      manifests.put(digest, sent.body());
      tags.put(repository + ":" + reference, digest);
      return FakeGhcr.Answer.of(201, "Docker-Content-Digest", digest);
    }
    String digest =
        reference.startsWith("sha256:") ? reference : tags.get(repository + ":" + reference);
    byte[] bytes = digest == null ? null : manifests.get(digest);
    return bytes == null
        ? FakeGhcr.Answer.of(404)
        : new FakeGhcr.Answer(
            200, Map.of("Docker-Content-Digest", digest, "Content-Type", OCI_MANIFEST), bytes);
  }

  private OciRegistry registry(GhcrReference repository) {
    return OciRegistry.over(
        http,
        repository,
        CREDENTIALS,
        OciRegistry.Access.PUSH,
        new RegistryCalls(
            "test",
            new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO),
            RetryBudget.unlimited(),
            w -> {}));
  }

  private ChannelMover mover() {
    return new ChannelMover(
        CREDENTIALS,
        this::registry,
        Optional.of(dir.resolve("out")),
        Optional.of(dir.resolve("summary")),
        info::add,
        java.time.Clock.systemUTC());
  }

  private String release(GhcrReference repository, String version) {
    byte[] manifest =
        ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"v\":\"" + version + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    String digest = Sha256.digestOf(manifest);
    manifests.put(digest, manifest);
    tags.put(repository.repository() + ":" + version, digest);
    return digest;
  }

  private static PlannedPromotion plan(
      ArtifactKind kind, GhcrReference repository, String name, String version, String digest) {
    return new PlannedPromotion(
        "com.acme:" + name,
        kind,
        name,
        repository.repositoryName(),
        digest,
        "prod",
        List.of(version, "prod"),
        version,
        null);
  }

  @Test
  void aReleaseMovesImagesThenChartsWithTheirBytesAndRollsBack() throws Exception {
    String api1 = release(API, "0.1.0");
    String api2 = release(API, "0.2.0");
    String chart1 = release(CHART, "0.1.0");
    String chart2 = release(CHART, "0.2.0");

    List<PublishRecord> records =
        mover()
            .move(
                List.of(
                    plan(ArtifactKind.CHART, CHART, "pytoya", "0.2.0", chart2),
                    plan(ArtifactKind.IMAGE, API, "api", "0.2.0", api2)));

    assertEquals(api2, tags.get("acme/pytoya/api:prod"));
    assertEquals(chart2, tags.get("acme/charts/pytoya:prod"));
    assertArrayEquals(manifests.get(chart2), manifests.get(tags.get("acme/charts/pytoya:prod")));
    assertEquals(List.of("api", "pytoya"), records.stream().map(PublishRecord::name).toList());
    assertEquals("ghcr.io/acme/pytoya/api:0.2.0@" + api2, records.get(0).immutableReference());
    assertEquals(
        List.of(
            "Promoted ghcr.io/acme/pytoya/api:prod -> " + api2 + " (new channel tag)",
            "Promoted ghcr.io/acme/charts/pytoya:prod -> " + chart2 + " (new channel tag)"),
        info);

    mover()
        .move(
            List.of(
                plan(ArtifactKind.IMAGE, API, "api", "0.1.0", api1),
                plan(ArtifactKind.CHART, CHART, "pytoya", "0.1.0", chart1)));

    assertEquals(api1, tags.get("acme/pytoya/api:prod"));
    assertEquals(chart1, tags.get("acme/charts/pytoya:prod"));
    assertEquals(api2, tags.get("acme/pytoya/api:0.2.0"), "release tags never move");
    assertTrue(
        info.contains(
            "Promoted ghcr.io/acme/charts/pytoya:prod -> " + chart1 + " (was " + chart2 + ")"),
        info.toString());
    String outputs = Files.readString(dir.resolve("out"));
    assertTrue(
        outputs.endsWith(
            "promote-api-prod-digest="
                + api1
                + "\npromote-api-prod-ref=ghcr.io/acme/pytoya/api:prod@"
                + api1
                + "\npromote-chart-pytoya-prod-digest="
                + chart1
                + "\npromote-chart-pytoya-prod-ref=ghcr.io/acme/charts/pytoya:prod@"
                + chart1
                + "\n"),
        outputs);
    String summary = Files.readString(dir.resolve("summary"));
    assertTrue(
        summary.contains("| ghcr.io/acme/charts/pytoya | prod | " + chart1 + " | " + chart2 + " |"),
        summary);
  }

  @Test
  void aChannelAlreadyThereIsOneLookAndNoWrite() {
    String digest = release(CHART, "0.1.0");
    mover().move(List.of(plan(ArtifactKind.CHART, CHART, "pytoya", "0.1.0", digest)));
    long puts = http.count("PUT", "/manifests/");
    long heads = http.count("HEAD", "/manifests/prod");

    mover().move(List.of(plan(ArtifactKind.CHART, CHART, "pytoya", "0.1.0", digest)));

    assertEquals(puts, http.count("PUT", "/manifests/"));
    assertEquals(heads + 1, http.count("HEAD", "/manifests/prod"));
    assertTrue(
        info.get(1).endsWith("already points to " + digest + "; nothing changed"), info.get(1));
  }

  @Test
  void aRegistryFailureMidwayStopsAndNamesTheChannelsAlreadyMoved() {
    String api = release(API, "0.1.0");
    String chart = release(CHART, "0.1.0");
    failChartPuts = true;

    io.github.ghcrtools.core.release.ReleaseException e =
        assertThrows(
            io.github.ghcrtools.core.release.ReleaseException.class,
            () ->
                mover()
                    .move(
                        List.of(
                            plan(ArtifactKind.IMAGE, API, "api", "0.1.0", api),
                            plan(ArtifactKind.CHART, CHART, "pytoya", "0.1.0", chart))));

    assertTrue(
        e.getMessage().contains("Already moved: ghcr.io/acme/pytoya/api:prod (new)"),
        e.getMessage());
    assertTrue(e.getMessage().contains("promote the previous version"), e.getMessage());
    assertEquals(null, tags.get("acme/charts/pytoya:prod"));
    assertTrue(!e.getMessage().contains("ghp_secret123456"));
  }

  @Test
  void whatTheRepositoryDoesNotHoldIsRefusedByTheChecks() {
    release(CHART, "0.1.0");
    ChannelPromotion promotion = new ChannelPromotion(CHART, TaggedRepository.of(registry(CHART)));
    UserError version =
        assertThrows(
            UserError.class, () -> promotion.releasedDigest("0.9.0", "ghcr.promote.version"));
    assertEquals(
        "ghcr.io/acme/charts/pytoya has no tag 0.9.0: that version was never published there;"
            + " check -Dghcr.promote.version against the released versions.",
        version.getMessage());
    String unknown = "sha256:" + "9".repeat(64);
    UserError digest = assertThrows(UserError.class, () -> promotion.check(unknown, "-Dx.digest"));
    assertTrue(
        digest.getMessage().contains(unknown + " does not exist in ghcr.io/acme/charts/pytoya"),
        digest.getMessage());
    assertEquals(0, http.count("PUT", "/manifests/"));
  }
}
