package io.github.ghcrtools.publish.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OciLayoutReaderTest {

  private static final String AMD = "sha256:" + "a".repeat(64);
  private static final String ARM = "sha256:" + "b".repeat(64);
  private static final String NESTED = "sha256:" + "c".repeat(64);

  private static String manifest(String configChar) {
    return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"digest\":\"sha256:"
        + configChar.repeat(64)
        + "\",\"size\":1},"
        + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:"
        + "f".repeat(64)
        + "\",\"size\":42}]}";
  }

  private static final Map<String, String> BLOBS =
      Map.of(
          AMD,
          manifest("1"),
          ARM,
          manifest("2"),
          NESTED,
          "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
              + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
              + AMD
              + "\",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}},"
              + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
              + ARM
              + "\",\"platform\":{\"os\":\"linux\",\"architecture\":\"arm64\"}}]}");

  private static OciImageManifest resolve(String index, Optional<String> platform)
      throws IOException {
    return OciLayoutReader.resolve(
        index.getBytes(StandardCharsets.UTF_8),
        d -> Optional.ofNullable(BLOBS.get(d)).map(s -> s.getBytes(StandardCharsets.UTF_8)),
        platform.map(ImagePlatform::parse),
        "test layout");
  }

  @Test
  void aSingleManifestIsTaken() throws IOException {
    OciImageManifest m =
        resolve("{\"manifests\":[{\"digest\":\"" + AMD + "\"}]}", Optional.empty());
    assertEquals(AMD, m.digest());
    assertEquals("sha256:" + "1".repeat(64), m.configDigest());
    assertEquals(42, m.layers().get(0).size());
  }

  @Test
  void nestedIndexesAreResolvedByPlatform() throws IOException {
    String index =
        "{\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"digest\":\""
            + NESTED
            + "\"}]}";
    assertEquals(AMD, resolve(index, Optional.empty()).digest());
    assertEquals(ARM, resolve(index, Optional.of("linux/arm64")).digest());
  }

  @Test
  void noMatchingPlatformOrAMissingBlobIsAnError() {
    String index =
        "{\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"digest\":\""
            + NESTED
            + "\"}]}";
    IOException e =
        assertThrows(IOException.class, () -> resolve(index, Optional.of("linux/s390x")));
    assertEquals(
        "test layout has no linux/s390x; it offers linux/amd64, linux/arm64. Set <platforms> to"
            + " what the base offers, or use a base image for linux/s390x.",
        e.getMessage());
    String missing = "sha256:" + "9".repeat(64);
    IOException m =
        assertThrows(
            IOException.class,
            () -> resolve("{\"manifests\":[{\"digest\":\"" + missing + "\"}]}", Optional.empty()));
    assertTrue(m.getMessage().contains("missing"), m.getMessage());
  }

  @Test
  void aVariantIsMatchedWhenBothNameOneAndAnOtherPlatformIsNeverTaken() throws IOException {
    String armV8 =
        "{\"manifests\":[{\"digest\":\""
            + ARM
            + "\",\"platform\":{\"os\":\"linux\",\"architecture\":\"arm64\",\"variant\":\"v8\"}}]}";
    assertEquals(ARM, resolve(armV8, Optional.of("linux/arm64")).digest());
    assertEquals(ARM, resolve(armV8, Optional.of("linux/arm64/v8")).digest());
    IOException v7 =
        assertThrows(IOException.class, () -> resolve(armV8, Optional.of("linux/arm64/v7")));
    assertTrue(v7.getMessage().contains("it offers linux/arm64/v8"), v7.getMessage());
    assertEquals(
        ARM, resolve(armV8, Optional.empty()).digest(), "no platform asked: the only image serves");
  }

  @Test
  void anArchiveOfAnIndexIsReadWithEveryPlatform() throws IOException {
    String layout =
        "{\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"digest\":\""
            + NESTED
            + "\"}]}";
    OciLayoutReader.ArchivedImage image =
        OciLayoutReader.readImage(
            layout.getBytes(StandardCharsets.UTF_8),
            d -> Optional.ofNullable(BLOBS.get(d)).map(s -> s.getBytes(StandardCharsets.UTF_8)),
            "test layout");
    assertEquals(NESTED, image.digest());
    assertEquals(
        List.of(AMD, ARM), image.manifests().stream().map(OciImageManifest::digest).toList());
    assertEquals(
        List.of(ImagePlatform.parse("linux/amd64"), ImagePlatform.parse("linux/arm64")),
        image.platforms());
  }

  @Test
  void blobPathsCannotEscapeTheLayout() {
    assertThrows(IOException.class, () -> OciLayoutReader.blobPath("sha256:../../etc/passwd"));
  }
}
