package io.github.ghcrtools.core.promote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghcrtools.core.artifact.ArtifactManifest;
import io.github.ghcrtools.core.failure.UserError;
import io.github.ghcrtools.core.registry.Manifest;
import io.github.ghcrtools.core.registry.Sha256;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The channel metadata of one repository: which version and digest each channel ({@code dev},
 * {@code prod}) points at, as {@code {"channels":{"prod":{"digest":…,"promoted":…,"revision":…,
 * "tag":…,"version":…}},"repository":"ghcr.io/<owner>/<path>","schema":1}}, keys sorted. It lives
 * as an OCI artifact (artifact type {@value #ARTIFACT_TYPE}) whose one layer also carries the JSON
 * inline, so that "what is prod?" is one manifest read. Entries this suite does not write (another
 * channel's, fields of a later schema) are kept as they are.
 */
public final class ChannelsDocument {

  /** The artifact's {@code artifactType}, also its layer's media type. */
  public static final String ARTIFACT_TYPE = "application/vnd.ghcrtools.channels.v1+json";

  /** The layer's title: the file name {@code oras pull} writes. */
  public static final String FILE = "channels.json";

  private static final int SCHEMA = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectNode root;
  private final Optional<String> manifestDigest;

  private ChannelsDocument(ObjectNode root, Optional<String> manifestDigest) {
    this.root = root;
    this.manifestDigest = manifestDigest;
  }

  /** Reads the JSON of a layer whose bytes are not inline, checked against its digest. */
  @FunctionalInterface
  public interface Blobs {
    byte[] blob(String digest) throws IOException;
  }

  /** No channel recorded yet. */
  public static ChannelsDocument empty(String repository) {
    ObjectNode root = JSON.createObjectNode();
    root.putObject("channels");
    root.put("repository", repository);
    root.put("schema", SCHEMA);
    return new ChannelsDocument(root, Optional.empty());
  }

  /**
   * The document stored under the tag, or an empty one when the tag does not exist.
   *
   * @param repository {@code ghcr.io/<owner>/<path>}
   * @param tag the metadata tag, for the messages
   * @throws UserError when the tag holds anything but this suite's channel metadata: it is never
   *     overwritten
   */
  public static ChannelsDocument of(
      Optional<Manifest> stored, String repository, String tag, Blobs blobs) throws IOException {
    if (stored.isEmpty()) {
      return empty(repository);
    }
    JsonNode manifest = JSON.readTree(stored.get().bytes());
    JsonNode layer = manifest.path("layers").path(0);
    if (!ARTIFACT_TYPE.equals(manifest.path("artifactType").asText())
        || !ARTIFACT_TYPE.equals(layer.path("mediaType").asText())
        || !layer.path("digest").isTextual()) {
      throw foreign(repository, tag, describe(stored.get(), manifest));
    }
    String digest = layer.path("digest").asText();
    byte[] bytes;
    try {
      bytes =
          layer.path("data").isTextual()
              ? Base64.getDecoder().decode(layer.path("data").asText())
              : blobs.blob(digest);
    } catch (IllegalArgumentException e) {
      throw new IOException(
          "the channel metadata "
              + repository
              + ":"
              + tag
              + " carries inline data that is not base64",
          e);
    }
    if (!Sha256.digestOf(bytes).equals(digest)) {
      throw new IOException(
          "the channel metadata "
              + repository
              + ":"
              + tag
              + " carries inline data that does not match its layer "
              + digest);
    }
    JsonNode document = JSON.readTree(bytes);
    if (!(document instanceof ObjectNode root) || !document.path("channels").isObject()) {
      throw foreign(repository, tag, "an artifact of our type without a channels object");
    }
    if (root.path("schema").asInt(0) > SCHEMA) {
      throw new UserError(
          repository
              + ":"
              + tag
              + " holds channel metadata of schema "
              + root.path("schema").asText()
              + ", written by a newer version of this plugin; promote with that version.",
          ChannelMetadataTag.PARAMETER,
          null);
    }
    ObjectNode copy = root.deepCopy();
    copy.put("repository", repository);
    copy.put("schema", SCHEMA);
    return new ChannelsDocument(copy, Optional.of(stored.get().digest()));
  }

  private static String describe(Manifest stored, JsonNode manifest) {
    String artifactType = manifest.path("artifactType").asText("");
    return artifactType.isEmpty()
        ? "a " + stored.mediaType() + " (an image, index or chart)"
        : "an artifact of type " + artifactType;
  }

  private static UserError foreign(String repository, String tag, String what) {
    return new UserError(
        repository
            + ":"
            + tag
            + " holds "
            + what
            + ", not the channel metadata this plugin writes ("
            + ARTIFACT_TYPE
            + "); it is left as it is. Set -D"
            + ChannelMetadataTag.PROPERTY
            + " ("
            + ChannelMetadataTag.PARAMETER
            + ") to a tag of its own, or delete that tag on ghcr.io if nothing needs it.",
        ChannelMetadataTag.PARAMETER,
        null);
  }

  /** The digest of the manifest this was read from; empty when there was none. */
  public Optional<String> manifestDigest() {
    return manifestDigest;
  }

  /** What the document says {@code channel} points at; empty when it has no usable entry. */
  public Optional<ChannelEntry> entry(String channel) {
    JsonNode node = root.path("channels").path(channel);
    if (!node.path("digest").isTextual()) {
      return Optional.empty();
    }
    return Optional.of(
        new ChannelEntry(
            text(node, "version"),
            node.path("digest").asText(),
            text(node, "tag"),
            text(node, "promoted"),
            text(node, "revision")));
  }

  /** The channels the document names, sorted. */
  public List<String> channels() {
    List<String> names = new ArrayList<>();
    root.path("channels").properties().forEach(e -> names.add(e.getKey()));
    names.sort(null);
    return names;
  }

  /** A copy with {@code channel}'s entry set to {@code entry}; the other entries unchanged. */
  public ChannelsDocument with(String channel, ChannelEntry entry) {
    ObjectNode copy = root.deepCopy();
    ObjectNode node = ((ObjectNode) copy.get("channels")).putObject(channel);
    node.put("digest", entry.digest());
    node.put("promoted", entry.promoted());
    node.put("revision", entry.revision());
    node.put("tag", entry.tag());
    node.put("version", entry.version());
    return new ChannelsDocument(copy, manifestDigest);
  }

  /** The JSON, keys sorted at every level, so the same content is always the same bytes. */
  public byte[] bytes() {
    try {
      return JSON.writeValueAsBytes(sorted(root));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The artifact manifest holding {@link #bytes()} as its layer, inline as well. */
  public ArtifactManifest manifest() {
    return ArtifactManifest.of(
        ARTIFACT_TYPE,
        List.of(ArtifactManifest.Layer.inline(ARTIFACT_TYPE, bytes(), FILE)),
        null,
        Map.of());
  }

  private static JsonNode sorted(JsonNode node) {
    if (!node.isObject()) {
      return node;
    }
    Map<String, JsonNode> fields = new TreeMap<>();
    node.properties().forEach(e -> fields.put(e.getKey(), sorted(e.getValue())));
    ObjectNode copy = JSON.createObjectNode();
    fields.forEach(copy::set);
    return copy;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() ? value.asText() : null;
  }
}
