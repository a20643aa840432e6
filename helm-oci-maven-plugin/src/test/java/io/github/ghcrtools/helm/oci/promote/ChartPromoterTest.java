package io.github.ghcrtools.helm.oci.promote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.failure.UserError;
import io.github.ghcrtools.core.policy.PolicyViolationException;
import io.github.ghcrtools.core.promote.PlannedPromotion;
import io.github.ghcrtools.core.promote.TaggedRepository;
import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.PublishRecord;
import io.github.ghcrtools.core.record.PublishRecords;
import io.github.ghcrtools.core.registry.Manifest;
import io.github.ghcrtools.helm.oci.push.PushLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartPromoterTest {

  private static final String V1 = "sha256:" + "1".repeat(64);
  private static final String V2 = "sha256:" + "2".repeat(64);
  private static final String REPOSITORY = "ghcr.io/acme/charts/pytoya";

  @TempDir Path dir;

  private final Map<String, String> tags = new HashMap<>(Map.of("0.1.0", V1, "0.2.0", V2));
  private final List<String> requests = new ArrayList<>();
  private final List<String> opened = new ArrayList<>();
  private final List<String> log = new ArrayList<>();
  private final List<PlannedPromotion> planned = new ArrayList<>();
  private final ChartPromoter promoter =
      new ChartPromoter(
          (repository, credentials) -> {
            opened.add(repository + " as " + credentials.username());
            return new TaggedRepository.Open() {
              @Override
              public Optional<String> digestOf(String reference) {
                requests.add("HEAD " + reference);
                return reference.startsWith("sha256:")
                    ? Optional.of(reference).filter(tags::containsValue)
                    : Optional.ofNullable(tags.get(reference));
              }

              @Override
              public Optional<Manifest> manifest(String reference) {
                return digestOf(reference)
                    .map(
                        d ->
                            new Manifest(
                                "{}".getBytes(StandardCharsets.UTF_8),
                                "application/vnd.oci.image.manifest.v1+json",
                                d));
              }

              @Override
              public void tag(String digest, String tag) {
                requests.add("PUT " + tag + " -> " + digest);
                tags.put(tag, digest);
              }

              @Override
              public void close() {
                requests.add("CLOSE");
              }
            };
          },
          new PushLog() {
            @Override
            public void info(String message) {
              log.add(message);
            }

            @Override
            public void warn(String message) {
              log.add("WARN " + message);
            }
          },
          (promotion, credentials) -> planned.add(promotion));

  private Map<String, String> dispatch() {
    Map<String, String> env = new HashMap<>();
    env.put("GITHUB_ACTIONS", "true");
    env.put("GITHUB_EVENT_NAME", "workflow_dispatch");
    env.put("GITHUB_REF", "refs/heads/main");
    env.put("GITHUB_REF_NAME", "main");
    env.put("GITHUB_REF_TYPE", "branch");
    env.put("GITHUB_REPOSITORY_OWNER", "Acme");
    env.put("GITHUB_ACTOR", "octocat");
    env.put("GITHUB_TOKEN", "ghs_token123");
    env.put("GITHUB_OUTPUT", dir.resolve("out").toString());
    env.put("GITHUB_STEP_SUMMARY", dir.resolve("summary").toString());
    return env;
  }

  private ChartPromoteRequest request(String channel, String version, Map<String, String> env) {
    return new ChartPromoteRequest(
        "com.acme:chart",
        "pytoya",
        null,
        null,
        channel,
        Optional.ofNullable(version),
        dir.resolve("records/chart-pytoya.json"),
        false,
        env,
        Map.of(),
        Optional.empty(),
        dir);
  }

  @Test
  void aReleasedVersionIsLookedUpOnceAndItsMoveHandedToTheRelease() {
    PlannedPromotion promotion =
        promoter.promote(request("prod", "0.2.0", dispatch())).orElseThrow();

    assertEquals(List.of(promotion), planned);
    assertEquals(List.of(REPOSITORY + " as octocat"), opened);
    assertEquals(List.of("HEAD 0.2.0", "CLOSE"), requests, "one look, no move in the module");
    assertEquals(null, tags.get("prod"));
    assertEquals("com.acme:chart", promotion.project());
    assertEquals(ArtifactKind.CHART, promotion.kind());
    assertEquals("pytoya", promotion.name());
    assertEquals(REPOSITORY, promotion.repository());
    assertEquals(V2, promotion.digest());
    assertEquals("prod", promotion.channel());
    PublishRecord record = promotion.record();
    assertEquals("0.2.0", record.version());
    assertEquals(List.of("0.2.0", "prod"), record.tags());
  }

  @Test
  void theVersionAndDigestComeFromThePublishRecordByDefault() {
    PublishRecords.write(
        dir.resolve("records"),
        PublishRecord.of(
            ArtifactKind.CHART,
            "pytoya",
            REPOSITORY,
            V1,
            List.of("0.1.0"),
            "0.1.0",
            null,
            Instant.EPOCH));
    PlannedPromotion promotion = promoter.promote(request("dev", null, dispatch())).orElseThrow();
    assertEquals(V1, promotion.digest());
    assertEquals("0.1.0", promotion.version());
    assertEquals(List.of("HEAD " + V1, "CLOSE"), requests, "the record's digest is checked");
  }

  @Test
  void aVersionNeverReleasedIsRefusedAndNothingMoves() {
    UserError e =
        assertThrows(UserError.class, () -> promoter.promote(request("prod", "0.3.0", dispatch())));
    assertTrue(e.getMessage().startsWith(REPOSITORY + " has no tag 0.3.0"), e.getMessage());
    assertTrue(requests.stream().noneMatch(r -> r.startsWith("PUT")), requests.toString());
    assertTrue(planned.isEmpty());
  }

  @Test
  void withoutVersionOrRecordTheMessageSaysHow() {
    UserError e =
        assertThrows(UserError.class, () -> promoter.promote(request("prod", null, dispatch())));
    assertTrue(
        e.getMessage().contains("-Dghcr.promote.version=<released version>"), e.getMessage());
    assertTrue(opened.isEmpty(), "nothing opened");
  }

  @Test
  void aReleaseVersionIsNotAChannel() {
    assertThrows(
        PolicyViolationException.class,
        () -> promoter.promote(request("0.1.0", "0.2.0", dispatch())));
    assertTrue(opened.isEmpty());
  }

  @Test
  void aPullRequestPromotesNothing() {
    Map<String, String> env = dispatch();
    env.put("GITHUB_EVENT_NAME", "pull_request");
    env.put("GITHUB_REF", "refs/pull/7/merge");
    assertTrue(promoter.promote(request("prod", "0.2.0", env)).isEmpty());
    assertTrue(opened.isEmpty());
    assertTrue(log.get(0).startsWith("Not promoting chart pytoya to prod: "), log.toString());
  }
}
