package io.github.ghcrtools.deploy.release;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.PublishRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Sizes from the run's manifests, and at most 2 reads per artifact for the previous release. */
class ArtifactSizesTest {

  private static final String API = "ghcr.io/acme/pytoya/api";
  private static final String CHART = "ghcr.io/acme/charts/pytoya";

  private final MemoryRegistry registry = new MemoryRegistry();
  private final ArtifactSizes sizes = new ArtifactSizes(registry);

  private static PublishRecord image(String digest) {
    return PublishRecord.of(
        ArtifactKind.IMAGE, "api", API, digest, List.of("0.2.0"), "0.2.0", null, null);
  }

  @Test
  void anImageIsConfigPlusLayersAndItsPlatformCostsOneConfigRead() throws Exception {
    String config =
        registry.putBlob(API, "{\"os\":\"linux\",\"architecture\":\"arm64\",\"variant\":\"v8\"}");
    String manifest = MemoryRegistry.image(config, 100, 1000, 20000);

    ArtifactSize size =
        sizes.current(image(sha(manifest)), manifest.getBytes(StandardCharsets.UTF_8), List.of());

    assertEquals(21100, size.size());
    assertEquals(List.of(new PlatformSize("linux/arm64/v8", 21100)), size.platforms());
    assertEquals(null, size.basis());
    assertEquals(List.of("blob " + API + " " + config), registry.requests);
  }

  @Test
  void anIndexGivesEachPlatformFromTheRunsManifestsWithoutARead() throws Exception {
    String arm = MemoryRegistry.image("sha256:" + "a".repeat(64), 10, 300);
    String amd = MemoryRegistry.image("sha256:" + "b".repeat(64), 10, 500);
    String index =
        MemoryRegistry.index(
            "linux/arm64", sha(arm), "linux/amd64", sha(amd), "unknown/unknown", sha("x"));

    ArtifactSize size =
        sizes.current(image(sha(index)), bytes(index), List.of(bytes(arm), bytes(amd)));

    assertEquals(
        List.of(new PlatformSize("linux/arm64", 310), new PlatformSize("linux/amd64", 510)),
        size.platforms());
    assertEquals(510, size.size());
    assertEquals("linux/amd64", size.basis());
    assertEquals(List.of(), registry.requests);
  }

  @Test
  void aManifestTheRunDidNotCarryIsReadByDigest() throws Exception {
    String chart = MemoryRegistry.image("sha256:" + "c".repeat(64), 200, 4000);
    String digest = registry.putManifest(CHART, null, chart);
    PublishRecord record =
        PublishRecord.of(
            ArtifactKind.CHART, "pytoya", CHART, digest, List.of(), "0.2.0", null, null);

    ArtifactSize size = sizes.current(record, new byte[0], List.of());

    assertEquals(4200, size.size());
    assertEquals(List.of(), size.platforms());
    assertEquals(List.of("manifest " + CHART + " " + digest), registry.requests);
  }

  @Test
  void thePreviousImageIsOneReadOfItsVersionTag() throws Exception {
    registry.putManifest(API, "0.1.0", MemoryRegistry.image("sha256:" + "d".repeat(64), 100, 900));
    ArtifactSize current =
        new ArtifactSize(List.of(new PlatformSize("linux/amd64", 1500)), 1500, null);

    Optional<ArtifactSize> previous = sizes.previous(image(sha("now")), "0.1.0", current);

    assertEquals(1000, previous.orElseThrow().size());
    assertEquals(List.of("manifest " + API + " 0.1.0"), registry.requests);
  }

  @Test
  void thePreviousIndexIsTwoReadsTheIndexAndTheComparedPlatform() throws Exception {
    String arm =
        registry.putManifest(API, null, MemoryRegistry.image("sha256:" + "e".repeat(64), 10, 111));
    String amd =
        registry.putManifest(API, null, MemoryRegistry.image("sha256:" + "f".repeat(64), 10, 222));
    registry.putManifest(
        API, "1.0.0_build.5", MemoryRegistry.index("linux/arm64", arm, "linux/amd64", amd));
    ArtifactSize current =
        new ArtifactSize(
            List.of(new PlatformSize("linux/arm64", 400), new PlatformSize("linux/amd64", 500)),
            500,
            "linux/amd64");

    Optional<ArtifactSize> previous = sizes.previous(image(sha("now")), "1.0.0+build.5", current);

    assertEquals(232, previous.orElseThrow().size());
    assertEquals("linux/amd64", previous.get().basis());
    assertEquals(
        List.of("manifest " + API + " 1.0.0_build.5", "manifest " + API + " " + amd),
        registry.requests);
  }

  @Test
  void anOciArtifactIsItsBlobsWithoutPlatformAndWithoutARead() throws Exception {
    String installer = "ghcr.io/acme/pytoya/installer";
    String manifest = MemoryRegistry.image("sha256:" + "e".repeat(64), 2, 700, 5000);
    PublishRecord record =
        PublishRecord.of(
            ArtifactKind.ARTIFACT,
            "installer",
            installer,
            sha(manifest),
            List.of("0.2.0"),
            "0.2.0",
            null,
            null);

    ArtifactSize size = sizes.current(record, bytes(manifest), List.of());

    assertEquals(5702, size.size());
    assertEquals(List.of(), size.platforms());
    assertEquals(List.of(), registry.requests, "its config is the empty descriptor, not read");
    assertEquals(
        List.of(
            new ArtifactCommands.Command(
                "artifact installer", "oras pull " + installer + ":0.2.0@" + sha(manifest))),
        ArtifactCommands.of(record));
  }

  @Test
  void noPreviousTagIsANewArtifact() throws Exception {
    ArtifactSize current = new ArtifactSize(List.of(), 10, null);

    assertEquals(Optional.empty(), sizes.previous(image(sha("now")), "0.1.0", current));
    assertEquals(1, registry.requests.size());
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static String sha(String json) {
    return io.github.ghcrtools.core.registry.Sha256.digestOf(bytes(json));
  }
}
