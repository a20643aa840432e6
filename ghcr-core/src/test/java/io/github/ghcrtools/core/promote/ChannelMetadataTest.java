package io.github.ghcrtools.core.promote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.core.artifact.ArtifactManifest;
import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.credentials.Secret;
import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.referrers.MemoryRegistry;
import io.github.ghcrtools.core.registry.Sha256;
import io.github.ghcrtools.core.release.ReleaseException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The channel metadata the end-of-reactor mover keeps, through ghcr-core's real client on the
 * in-memory registry: the document it writes, what it keeps, what it refuses, how it survives
 * another writer.
 */
class ChannelMetadataTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  private static final String REPOSITORY = "ghcr.io/acme/api";
  private static final Instant NOW = Instant.parse("2026-03-04T05:06:07.891Z");

  @TempDir Path dir;
  private final MemoryRegistry registry = new MemoryRegistry();
  private final List<String> info = new ArrayList<>();

  /** An image of {@code version} built from {@code revision}, pushed under its version tag. */
  private String release(String version, String revision) {
    byte[] config =
        ("{\"config\":{\"Labels\":{\"org.opencontainers.image.revision\":\""
                + revision
                + "\",\"org.opencontainers.image.version\":\""
                + version
                + "\"}}}")
            .getBytes(StandardCharsets.UTF_8);
    String configDigest = Sha256.digestOf(config);
    registry.blobs.put(configDigest, config);
    byte[] manifest =
        ("{\"schemaVersion\":2,\"mediaType\":\""
                + OCI_MANIFEST
                + "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
                + "\"digest\":\""
                + configDigest
                + "\",\"size\":"
                + config.length
                + "},\"layers\":[]}")
            .getBytes(StandardCharsets.UTF_8);
    registry.putManifest(version, OCI_MANIFEST, manifest);
    return Sha256.digestOf(manifest);
  }

  private static PlannedPromotion plan(String channel, String version, String digest) {
    return new PlannedPromotion(
        "com.acme:api",
        ArtifactKind.IMAGE,
        "api",
        REPOSITORY,
        digest,
        channel,
        version == null ? List.of(channel) : List.of(version, channel),
        version,
        "channels");
  }

  private ChannelMover mover(Instant now) {
    return new ChannelMover(
        new RegistryCredentials("octocat", Secret.of("ghp_secret123456"), "env GHCR_TOKEN"),
        repository -> registry.client(),
        Optional.of(dir.resolve("out")),
        Optional.of(dir.resolve("summary")),
        info::add,
        Clock.fixed(now, ZoneOffset.UTC));
  }

  private void promote(PlannedPromotion... planned) {
    mover(NOW).move(List.of(planned));
  }

  private JsonNode manifest() throws Exception {
    return JSON.readTree(registry.manifests.get(registry.tags.get("channels")));
  }

  private JsonNode document() throws Exception {
    return JSON.readTree(
        Base64.getDecoder().decode(manifest().path("layers").get(0).path("data").asText()));
  }

  private static String entry(
      String digest, String promoted, String revision, String tag, String version) {
    return "{\"digest\":\""
        + digest
        + "\",\"promoted\":\""
        + promoted
        + "\",\"revision\":\""
        + revision
        + "\",\"tag\":"
        + (tag == null ? "null" : "\"" + tag + "\"")
        + ",\"version\":\""
        + version
        + "\"}";
  }

  @Test
  void theFirstPromotionWritesAnArtifactWhoseLayerCarriesTheDocumentInline() throws Exception {
    String v1 = release("1.0.0", "aaaa111");

    promote(plan("prod", "1.0.0", v1));

    assertEquals(v1, registry.tags.get("prod"));
    JsonNode manifest = manifest();
    assertEquals(OCI_MANIFEST, manifest.path("mediaType").asText());
    assertEquals(ChannelsDocument.ARTIFACT_TYPE, manifest.path("artifactType").asText());
    assertEquals(ArtifactManifest.EMPTY_DIGEST, manifest.path("config").path("digest").asText());
    assertTrue(manifest.path("subject").isMissingNode(), "about the repository, no subject");
    JsonNode layer = manifest.path("layers").get(0);
    assertEquals(ChannelsDocument.ARTIFACT_TYPE, layer.path("mediaType").asText());
    byte[] inline = Base64.getDecoder().decode(layer.path("data").asText());
    assertArrayEquals(registry.blobs.get(layer.path("digest").asText()), inline, "blob pushed");
    assertEquals(inline.length, layer.path("size").asInt());
    assertTrue(registry.blobs.containsKey(ArtifactManifest.EMPTY_DIGEST), "empty config pushed");
    assertEquals(
        "{\"channels\":{\"prod\":"
            + entry(v1, "2026-03-04T05:06:07Z", "aaaa111", "1.0.0", "1.0.0")
            + "},\"repository\":\"ghcr.io/acme/api\",\"schema\":1}",
        new String(inline, StandardCharsets.UTF_8),
        "keys sorted, the promotion time in seconds");
    String digest = Sha256.digestOf(registry.manifests.get(registry.tags.get("channels")));
    String outputs = Files.readString(dir.resolve("out"));
    assertTrue(
        outputs.endsWith(
            "promote-api-channels-digest="
                + digest
                + "\npromote-api-channels-ref=ghcr.io/acme/api:channels@"
                + digest
                + "\n"),
        outputs);
    assertTrue(
        Files.readString(dir.resolve("summary"))
            .contains("| ghcr.io/acme/api:channels@" + digest + " | prod 1.0.0 | yes |"),
        Files.readString(dir.resolve("summary")));
  }

  @Test
  void aSecondChannelIsAddedAndTheFirstKeptAsItWas() throws Exception {
    String v1 = release("1.0.0", "aaaa111");
    String v2 = release("1.1.0", "bbbb222");
    promote(plan("prod", "1.0.0", v1));
    JsonNode prod = document().path("channels").path("prod");

    mover(NOW.plusSeconds(60)).move(List.of(plan("dev", "1.1.0", v2)));

    JsonNode channels = document().path("channels");
    assertEquals(List.of("dev", "prod"), fieldNames(channels));
    assertEquals(prod, channels.path("prod"), "prod untouched, its time included");
    assertEquals(v2, channels.path("dev").path("digest").asText());
    assertEquals("1.1.0", channels.path("dev").path("version").asText());
    assertEquals("bbbb222", channels.path("dev").path("revision").asText());
    assertEquals("2026-03-04T05:07:07Z", channels.path("dev").path("promoted").asText());
  }

  @Test
  void aRollbackRewritesTheChannelsEntry() throws Exception {
    String v1 = release("1.0.0", "aaaa111");
    String v2 = release("1.1.0", "bbbb222");
    promote(plan("dev", "1.1.0", v2), plan("prod", "1.1.0", v2));
    assertEquals(1, registry.http.count("PUT", "/manifests/channels"), "one write for both");

    promote(plan("prod", "1.0.0", v1));

    JsonNode channels = document().path("channels");
    assertEquals(v1, registry.tags.get("prod"));
    assertEquals(v1, channels.path("prod").path("digest").asText());
    assertEquals("1.0.0", channels.path("prod").path("version").asText());
    assertEquals("aaaa111", channels.path("prod").path("revision").asText());
    assertEquals(v2, channels.path("dev").path("digest").asText());
  }

  @Test
  void aPromotionByDigestTakesTheVersionFromTheImage() throws Exception {
    String v2 = release("1.1.0", "bbbb222");

    promote(plan("dev", null, v2));

    assertEquals(
        JSON.readTree(entry(v2, "2026-03-04T05:06:07Z", "bbbb222", null, "1.1.0")),
        document().path("channels").path("dev"));
  }

  @Test
  void aPromotionTheDocumentAlreadyRecordsReadsItOnceAndWritesNothing() throws Exception {
    String v1 = release("1.0.0", "aaaa111");
    promote(plan("prod", "1.0.0", v1));
    byte[] before = registry.manifests.get(registry.tags.get("channels"));
    int from = registry.http.sent.size();

    mover(NOW.plusSeconds(3600)).move(List.of(plan("prod", "1.0.0", v1)));

    List<String> calls =
        registry.http.sent.subList(from, registry.http.sent.size()).stream()
            .filter(s -> !s.uri().getPath().equals("/token"))
            .map(s -> s.method() + " " + s.uri().getPath())
            .toList();
    assertEquals(
        List.of("GET /v2/acme/api/manifests/channels", "HEAD /v2/acme/api/manifests/prod"), calls);
    assertArrayEquals(before, registry.manifests.get(registry.tags.get("channels")));
    assertTrue(
        info.get(info.size() - 1).startsWith("Channel metadata already up to date: "),
        info.toString());
  }

  @Test
  void aChannelAlreadyInPlaceIsStillRecorded() throws Exception {
    String v1 = release("1.0.0", "aaaa111");
    registry.putManifest("prod", OCI_MANIFEST, registry.manifests.get(v1));

    promote(plan("prod", "1.0.0", v1));

    assertEquals(0, registry.http.count("PUT", "/manifests/prod"), "the channel did not move");
    assertEquals(v1, document().path("channels").path("prod").path("digest").asText());
  }

  @Test
  void aTagHoldingSomethingElseIsNeverOverwrittenAndNoChannelMoves() throws Exception {
    String v1 = release("1.0.0", "aaaa111");
    byte[] image = registry.manifests.get(v1);
    registry.putManifest("channels", OCI_MANIFEST, image);

    ReleaseException e =
        assertThrows(ReleaseException.class, () -> promote(plan("prod", "1.0.0", v1)));

    assertTrue(
        e.getMessage()
            .startsWith(
                "ghcr.io/acme/api:channels holds a "
                    + OCI_MANIFEST
                    + " (an image, index or chart)"),
        e.getMessage());
    assertTrue(
        e.getMessage().contains("-Dghcr.channelMetadataTag (channelMetadataTag)"), e.getMessage());
    assertTrue(e.getMessage().endsWith("No channel was moved."), e.getMessage());
    assertEquals(v1, registry.tags.get("channels"), "left as it was");
    assertFalse(registry.tags.containsKey("prod"));
    assertEquals(0, registry.http.count("PUT", "/manifests/"));
  }

  @Test
  void anotherPromotionThatDroppedOurEntryMeanwhileIsMergedWith() throws Exception {
    String v1 = release("1.0.0", "aaaa111");
    String v2 = release("1.1.0", "bbbb222");
    promote(plan("prod", "1.0.0", v1));
    // a dev promotion read the document before ours and writes right after us: prod is old there
    byte[] theirs =
        ChannelsDocument.empty(REPOSITORY)
            .with("dev", new ChannelEntry("1.1.0", v2, "1.1.0", "2026-03-04T05:06:30Z", "bbbb222"))
            .with("prod", new ChannelEntry("1.0.0", v1, "1.0.0", "2026-03-04T05:06:07Z", "aaaa111"))
            .manifest()
            .bytes();
    registry.race("channels", OCI_MANIFEST, theirs);

    mover(NOW.plusSeconds(60)).move(List.of(plan("prod", "1.1.0", v2)));

    JsonNode channels = document().path("channels");
    assertEquals(v2, channels.path("prod").path("digest").asText(), "ours written again");
    assertEquals("2026-03-04T05:06:30Z", channels.path("dev").path("promoted").asText(), "theirs");
    assertEquals(3, registry.http.count("PUT", "/manifests/channels"), "1 + ours, again");
  }

  @Test
  void aPromotionThatWroteBetweenOurFirstReadAndOurWriteKeepsItsEntry() throws Exception {
    String v1 = release("1.0.0", "aaaa111");
    String v2 = release("1.1.0", "bbbb222");
    // a dev promotion writes the document after ours read it, while our prod tag moves
    byte[] theirs =
        ChannelsDocument.empty(REPOSITORY)
            .with("dev", new ChannelEntry("1.1.0", v2, "1.1.0", "2026-03-04T05:06:30Z", "bbbb222"))
            .manifest()
            .bytes();
    registry.afterWriteOf("prod", "channels", OCI_MANIFEST, theirs);

    mover(NOW).move(List.of(plan("prod", "1.0.0", v1)));

    JsonNode channels = document().path("channels");
    assertEquals(v1, channels.path("prod").path("digest").asText(), "ours");
    assertEquals(v2, channels.path("dev").path("digest").asText(), "theirs kept");
    assertEquals(1, registry.http.count("PUT", "/manifests/channels"), "one write of ours");
  }

  @Test
  void aDocumentThatKeepsLosingOursFailsNamingTheMovedChannelAndTheRemedy() throws Exception {
    String v1 = release("1.0.0", "aaaa111");
    byte[] theirs =
        ChannelsDocument.empty(REPOSITORY)
            .with("dev", new ChannelEntry("1.0.0", v1, "1.0.0", "2026-03-04T05:06:30Z", "x"))
            .manifest()
            .bytes();
    for (int i = 0; i < 3; i++) {
      registry.race("channels", OCI_MANIFEST, theirs);
    }

    ReleaseException e =
        assertThrows(ReleaseException.class, () -> promote(plan("prod", "1.0.0", v1)));

    assertTrue(e.getMessage().contains("rewritten by another promotion 3 times"), e.getMessage());
    assertTrue(
        e.getMessage().contains("The channels moved (ghcr.io/acme/api:prod (new))"),
        e.getMessage());
    assertTrue(e.getMessage().contains("run the same promotion again"), e.getMessage());
    assertFalse(e.getMessage().contains("ghp_secret123456"));
    assertEquals(v1, registry.tags.get("prod"));
  }

  @Test
  void promotionsWithoutTheOptionLeaveNoMetadata() {
    String v1 = release("1.0.0", "aaaa111");
    PlannedPromotion plain = plan("prod", "1.0.0", v1);

    mover(NOW)
        .move(
            List.of(
                new PlannedPromotion(
                    plain.project(),
                    plain.kind(),
                    plain.name(),
                    plain.repository(),
                    plain.digest(),
                    plain.channel(),
                    plain.tags(),
                    plain.version(),
                    null)));

    assertEquals(v1, registry.tags.get("prod"));
    assertFalse(registry.tags.containsKey("channels"));
    assertEquals(0, registry.http.count("GET", "/manifests/channels"));
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.properties().forEach(e -> names.add(e.getKey()));
    return names;
  }
}
