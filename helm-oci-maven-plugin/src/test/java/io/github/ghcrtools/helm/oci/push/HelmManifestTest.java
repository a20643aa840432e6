package io.github.ghcrtools.helm.oci.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.registry.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The manifest as helm push shapes it, and its digest known before any upload. */
class HelmManifestTest {

  private static final byte[] CONFIG =
      "{\"name\":\"app\",\"version\":\"0.1.0\",\"apiVersion\":\"v2\"}"
          .getBytes(StandardCharsets.UTF_8);
  private static final byte[] CHART = {31, -117, 8, 0, 0, 0, 0, 0, 0, -1};

  @Test
  void hasHelmsShapeAndMediaTypes() {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("org.opencontainers.image.version", "0.1.0");
    annotations.put("org.opencontainers.image.created", "2026-01-01T00:00:00Z");
    annotations.put("org.opencontainers.image.title", "app");

    HelmManifest manifest = HelmManifest.of(CONFIG, CHART, annotations);

    assertEquals(
        "{\"schemaVersion\":2,"
            + "\"config\":{\"mediaType\":\"application/vnd.cncf.helm.config.v1+json\",\"digest\":\""
            + Sha256.digestOf(CONFIG)
            + "\",\"size\":"
            + CONFIG.length
            + "},"
            + "\"layers\":[{\"mediaType\":\"application/vnd.cncf.helm.chart.content.v1.tar+gzip\",\"digest\":\""
            + Sha256.digestOf(CHART)
            + "\",\"size\":10}],"
            + "\"annotations\":{\"org.opencontainers.image.created\":\"2026-01-01T00:00:00Z\","
            + "\"org.opencontainers.image.title\":\"app\",\"org.opencontainers.image.version\":\"0.1.0\"}}",
        manifest.json());
    assertEquals(
        Sha256.digestOf(manifest.json().getBytes(StandardCharsets.UTF_8)), manifest.digest());
  }

  @Test
  void theSameInputsGiveTheSameDigestAndAnyChangeAnother() {
    Map<String, String> annotations =
        Map.of("org.opencontainers.image.created", "2026-01-01T00:00:00Z");
    String digest = HelmManifest.of(CONFIG, CHART, annotations).digest();

    assertEquals(
        digest, HelmManifest.of(CONFIG.clone(), CHART.clone(), Map.copyOf(annotations)).digest());
    assertFalse(
        digest.equals(
            HelmManifest.of(
                    CONFIG,
                    CHART,
                    Map.of("org.opencontainers.image.created", "2026-01-01T00:00:01Z"))
                .digest()));
    assertFalse(digest.equals(HelmManifest.of(CONFIG, new byte[] {1}, annotations).digest()));
  }

  @Test
  void nonAsciiTextIsEscapedSoTheBytesDoNotDependOnACharset() {
    HelmManifest manifest =
        HelmManifest.of(CONFIG, CHART, Map.of("org.opencontainers.image.authors", "Jörg 🚀"));

    assertTrue(manifest.json().contains("\"J\\u00f6rg \\ud83d\\ude80\""), manifest.json());
    assertTrue(manifest.json().chars().allMatch(c -> c < 128), manifest.json());
  }
}
