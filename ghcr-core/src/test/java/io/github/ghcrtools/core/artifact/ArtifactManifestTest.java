package io.github.ghcrtools.core.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.ghcrtools.core.referrers.Referrer;
import io.github.ghcrtools.core.referrers.ReferrerManifest;
import io.github.ghcrtools.core.registry.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArtifactManifestTest {

  private static final String A = "sha256:" + "a".repeat(64);
  private static final String B = "sha256:" + "b".repeat(64);

  @Test
  void theEmptyConfigIsTheOciEmptyDescriptor() {
    assertEquals(
        Sha256.digestOf("{}".getBytes(StandardCharsets.US_ASCII)), ArtifactManifest.EMPTY_DIGEST);
    assertEquals(
        "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
        ArtifactManifest.EMPTY_DIGEST);
  }

  @Test
  void fieldsComeInOneOrderLayersAsGivenAnnotationsSorted() {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("z", "last");
    annotations.put("a", "first");

    ArtifactManifest manifest =
        ArtifactManifest.of(
            "application/vnd.acme.bundle",
            List.of(
                new ArtifactManifest.Layer("application/json", B, 12, "meta.json"),
                new ArtifactManifest.Layer("application/octet-stream", A, 3, null)),
            null,
            annotations);

    String json = new String(manifest.bytes(), StandardCharsets.UTF_8);
    assertEquals(
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"artifactType\":\"application/vnd.acme.bundle\","
            + "\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\""
            + ArtifactManifest.EMPTY_DIGEST
            + "\",\"size\":2,\"data\":\"e30=\"},"
            + "\"layers\":[{\"mediaType\":\"application/json\",\"digest\":\""
            + B
            + "\",\"size\":12,\"annotations\":{\"org.opencontainers.image.title\":\"meta.json\"}},"
            + "{\"mediaType\":\"application/octet-stream\",\"digest\":\""
            + A
            + "\",\"size\":3}],"
            + "\"annotations\":{\"a\":\"first\",\"z\":\"last\"}}",
        json);
    assertEquals(Sha256.digestOf(manifest.bytes()), manifest.digest());
    assertEquals(
        new ArtifactManifest.Descriptor(
            ArtifactManifest.MEDIA_TYPE, manifest.digest(), manifest.bytes().length),
        manifest.descriptor());
  }

  @Test
  void theSameInputsGiveTheSameDigestAndTheLayerOrderCounts() {
    ArtifactManifest.Layer one = new ArtifactManifest.Layer("text/plain", A, 1, "a.txt");
    ArtifactManifest.Layer two = new ArtifactManifest.Layer("text/plain", B, 1, "b.txt");

    String first = ArtifactManifest.of("x/y", List.of(one, two), null, Map.of("k", "v")).digest();

    assertEquals(
        first, ArtifactManifest.of("x/y", List.of(one, two), null, Map.of("k", "v")).digest());
    assertNotEquals(
        first, ArtifactManifest.of("x/y", List.of(two, one), null, Map.of("k", "v")).digest());
  }

  @Test
  void aReferrerIsAnArtifactOfOneLayerAboutItsSubject() {
    Referrer sbom =
        new Referrer(
            Referrer.CYCLONEDX,
            Referrer.CYCLONEDX,
            "api.cdx.json",
            Map.of("org.opencontainers.image.title", "api.cdx.json"));
    ArtifactManifest.Descriptor subject =
        new ArtifactManifest.Descriptor(ArtifactManifest.MEDIA_TYPE, B, 500);

    ReferrerManifest referrer = ReferrerManifest.of(sbom, subject, A, 42);

    String json = new String(referrer.bytes(), StandardCharsets.UTF_8);
    assertEquals(
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"artifactType\":\"application/vnd.cyclonedx+json\","
            + "\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\""
            + ArtifactManifest.EMPTY_DIGEST
            + "\",\"size\":2,\"data\":\"e30=\"},"
            + "\"layers\":[{\"mediaType\":\"application/vnd.cyclonedx+json\",\"digest\":\""
            + A
            + "\",\"size\":42,\"annotations\":{\"org.opencontainers.image.title\":\"api.cdx.json\"}}],"
            + "\"subject\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
            + B
            + "\",\"size\":500},"
            + "\"annotations\":{\"org.opencontainers.image.title\":\"api.cdx.json\"}}",
        json);
    assertEquals(Sha256.digestOf(referrer.bytes()), referrer.digest());
  }
}
