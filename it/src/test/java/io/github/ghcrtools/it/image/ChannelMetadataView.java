package io.github.ghcrtools.it.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import io.github.ghcrtools.it.supplychain.ReferrersView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The channel metadata ({@code ghcr:promote -Dghcr.channelMetadata=true}) as a consumer reads it,
 * with skopeo alone: {@code skopeo inspect --raw docker://<repository>:channels}, the document in
 * the layer's inline {@code data}. Checked against the registry's own tags, never the plugin's
 * account.
 */
public final class ChannelMetadataView {

  public static final String TAG = "channels";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final GhcrStandIn standIn;

  public ChannelMetadataView(GhcrStandIn standIn) {
    this.standIn = standIn;
  }

  /** {@code sha256:} of the metadata manifest's bytes as skopeo reads them. */
  public String digest(String repository) {
    return RegistryView.sha256(
        standIn.skopeoTool().inspectRaw(repository + ":" + TAG).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Checks that the document names exactly the {@code expected} channels, each at the version whose
   * tag points at the same digest as the channel's own tag, with its version tag (or none, when
   * promoted by digest), the revision it was built from and a promotion time; and that one registry
   * request (a manifest GET) answered skopeo, the layer's inline data being the pushed blob.
   *
   * @param repository {@code ghcr.io/<owner>/<path>}
   * @param expected channel to version
   * @param revisions version to the commit it was built from
   * @return the document
   */
  public JsonNode assertChannels(
      String repository, Map<String, String> expected, Map<String, String> revisions) {
    RegistryView registry = new RegistryView(standIn);
    int before = standIn.registryRequests().size();
    String raw = standIn.skopeoTool().inspectRaw(repository + ":" + TAG);
    List<String> reads = new ArrayList<>();
    registry.requestsSince(before).stream()
        .filter(r -> !r.pathWithoutQuery().equals("/v2/"))
        .forEach(r -> reads.add(r.method() + " " + r.pathWithoutQuery()));
    String path = repository.substring(repository.indexOf('/') + 1);
    assertEquals(List.of("GET /v2/" + path + "/manifests/" + TAG), reads, "one request answers");

    JsonNode manifest = json(raw.getBytes(StandardCharsets.UTF_8));
    assertEquals(
        "application/vnd.ghcrtools.channels.v1+json", manifest.path("artifactType").asText());
    assertEquals(
        "application/vnd.oci.empty.v1+json", manifest.path("config").path("mediaType").asText());
    JsonNode layer = manifest.path("layers").get(0);
    byte[] inline = Base64.getDecoder().decode(layer.path("data").asText());
    String layerDigest = layer.path("digest").asText();
    assertEquals(layerDigest, RegistryView.sha256(inline), "the inline data is the layer");
    assertArrayEquals(
        inline, new ReferrersView(standIn).blob(repository, layerDigest), "the blob is there too");

    JsonNode document = json(inline);
    assertEquals(1, document.path("schema").asInt(), raw);
    assertEquals(repository, document.path("repository").asText(), raw);
    Map<String, String> versions = new TreeMap<>();
    document
        .path("channels")
        .properties()
        .forEach(e -> versions.put(e.getKey(), e.getValue().path("version").asText()));
    assertEquals(new TreeMap<>(expected), versions, new String(inline, StandardCharsets.UTF_8));
    for (Map.Entry<String, String> channel : expected.entrySet()) {
      JsonNode entry = document.path("channels").path(channel.getKey());
      String version = channel.getValue();
      String digest = registry.digestOf(repository + ":" + channel.getKey());
      assertEquals(digest, entry.path("digest").asText(), channel.getKey() + " digest");
      assertEquals(
          registry.digestOf(repository + ":" + version), digest, channel.getKey() + " version");
      assertTrue(
          entry.path("tag").isNull() || entry.path("tag").asText().equals(version),
          entry.toString());
      assertEquals(revisions.get(version), entry.path("revision").asText(), entry.toString());
      assertTrue(
          entry.path("promoted").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"),
          entry.toString());
    }
    return document;
  }

  private static JsonNode json(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("skopeo printed no JSON", e);
    }
  }
}
