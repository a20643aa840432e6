package io.github.ghcrtools.it.supplychain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Reads what the OCI 1.1 referrers tag schema left on the stand-in, with clients that are not the
 * plugins': manifests and indexes through {@code skopeo inspect --raw}, blobs through the test's
 * own registry API client (skopeo has no command that prints one blob). Also writes a foreign
 * referrer the way another tool (cosign) would, to see that the plugins keep it.
 */
public final class ReferrersView {

  public static final String CYCLONEDX = "application/vnd.cyclonedx+json";
  public static final String IN_TOTO = "application/vnd.in-toto+json";
  public static final String SIGSTORE_BUNDLE = "application/vnd.dev.sigstore.bundle.v0.3+json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final GhcrStandIn standIn;

  public ReferrersView(GhcrStandIn standIn) {
    this.standIn = standIn;
  }

  /** {@code sha256-<hex>}. */
  public static String tag(String digest) {
    return digest.replace(':', '-');
  }

  /** The referrers index of {@code digest} in {@code repository} ({@code ghcr.io/o/name}). */
  public JsonNode index(String repository, String digest) {
    return parse(standIn.skopeoTool().inspectRaw(repository + ":" + tag(digest)));
  }

  /** True when there is no referrers tag for {@code digest}. */
  public boolean noIndex(String repository, String digest) {
    return !standIn
        .skopeo("inspect", "--raw", "docker://" + repository + ":" + tag(digest))
        .succeeded();
  }

  /** The entries of the index whose {@code artifactType} is {@code type}. */
  public List<JsonNode> entries(String repository, String digest, String type) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode entry : index(repository, digest).path("manifests")) {
      if (type.equals(entry.path("artifactType").asText())) {
        found.add(entry);
      }
    }
    return found;
  }

  /** A manifest by digest, its bytes checked against the digest. */
  public JsonNode manifest(String repository, String digest) {
    String raw = standIn.skopeoTool().inspectRaw(repository + "@" + digest);
    String actual = sha256(raw.getBytes(StandardCharsets.UTF_8));
    if (!actual.equals(digest)) {
      throw new AssertionError(repository + "@" + digest + " holds a manifest of digest " + actual);
    }
    return parse(raw);
  }

  /** A blob's bytes, checked against its digest. */
  public byte[] blob(String repository, String digest) {
    HttpResponse<byte[]> response =
        standIn
            .registryApi()
            .send(HttpRequest.newBuilder(uri(repository, "blobs/" + digest)).GET());
    if (response.statusCode() != 200) {
      throw new AssertionError("GET blob " + digest + " answered " + response.statusCode());
    }
    String actual = sha256(response.body());
    if (!actual.equals(digest)) {
      throw new AssertionError("blob " + digest + " has digest " + actual);
    }
    return response.body();
  }

  /**
   * Puts a Sigstore-bundle referrer of {@code subject} and lists it under the referrers tag, as
   * cosign does on a registry without the referrers API.
   *
   * @return the foreign referrer's manifest digest
   */
  public String putForeignReferrer(
      String repository, String subjectDigest, String subjectMediaType, long subjectSize) {
    byte[] bundle =
        "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"note\":\"foreign\"}"
            .getBytes(StandardCharsets.UTF_8);
    return putBundleReferrer(
        repository,
        subjectDigest,
        subjectMediaType,
        subjectSize,
        bundle,
        Map.of("dev.sigstore.bundle.predicateType", "test"));
  }

  /**
   * Puts {@code bundle} as a Sigstore-bundle referrer of {@code subject} (cosign v3's layout: empty
   * config, the bundle as the one layer, {@code annotations} on the manifest and its index entry)
   * and adds it to the referrers index, keeping the entries already there. Written with the tests'
   * own registry client, never the plugins' code.
   *
   * @return the referrer's manifest digest
   */
  public String putBundleReferrer(
      String repository,
      String subjectDigest,
      String subjectMediaType,
      long subjectSize,
      byte[] bundle,
      Map<String, String> annotations) {
    byte[] empty = "{}".getBytes(StandardCharsets.US_ASCII);
    putBlob(repository, empty);
    putBlob(repository, bundle);
    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
    manifest.put("artifactType", SIGSTORE_BUNDLE);
    descriptor(manifest.putObject("config"), "application/vnd.oci.empty.v1+json", empty);
    descriptor(manifest.putArray("layers").addObject(), SIGSTORE_BUNDLE, bundle);
    ObjectNode subject = manifest.putObject("subject");
    subject.put("mediaType", subjectMediaType);
    subject.put("digest", subjectDigest);
    subject.put("size", subjectSize);
    annotations.forEach(manifest.putObject("annotations")::put);
    byte[] manifestBytes = bytes(manifest);
    String manifestDigest = sha256(manifestBytes);
    putManifest(
        repository, manifestDigest, "application/vnd.oci.image.manifest.v1+json", manifestBytes);

    ObjectNode index =
        noIndex(repository, subjectDigest)
            ? JSON.createObjectNode()
            : (ObjectNode) index(repository, subjectDigest);
    index.put("schemaVersion", 2);
    index.put("mediaType", "application/vnd.oci.image.index.v1+json");
    ObjectNode entry =
        (index.has("manifests") ? (ArrayNode) index.get("manifests") : index.putArray("manifests"))
            .addObject();
    entry.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
    entry.put("digest", manifestDigest);
    entry.put("size", manifestBytes.length);
    entry.put("artifactType", SIGSTORE_BUNDLE);
    annotations.forEach(entry.putObject("annotations")::put);
    putManifest(
        repository, tag(subjectDigest), "application/vnd.oci.image.index.v1+json", bytes(index));
    return manifestDigest;
  }

  private void putBlob(String repository, byte[] content) {
    String query = "?digest=" + URLEncoder.encode(sha256(content), StandardCharsets.UTF_8);
    HttpResponse<byte[]> started =
        standIn
            .registryApi()
            .send(
                HttpRequest.newBuilder(uri(repository, "blobs/uploads/"))
                    .POST(HttpRequest.BodyPublishers.noBody()));
    if (started.statusCode() != 202) {
      throw new AssertionError("starting an upload answered " + started.statusCode());
    }
    URI location =
        uri(repository, "").resolve(started.headers().firstValue("Location").orElseThrow());
    String separator = location.getRawQuery() == null ? "" : "&";
    URI put =
        URI.create(
            location + (location.getRawQuery() == null ? query : separator + query.substring(1)));
    HttpResponse<byte[]> done =
        standIn
            .registryApi()
            .send(
                HttpRequest.newBuilder(put)
                    .header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(content)));
    if (done.statusCode() != 201) {
      throw new AssertionError(
          "uploading a blob answered "
              + done.statusCode()
              + ": "
              + new String(done.body(), StandardCharsets.UTF_8));
    }
  }

  private void putManifest(String repository, String reference, String mediaType, byte[] bytes) {
    HttpResponse<byte[]> response =
        standIn
            .registryApi()
            .send(
                HttpRequest.newBuilder(uri(repository, "manifests/" + reference))
                    .header("Content-Type", mediaType)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    if (response.statusCode() != 201) {
      throw new AssertionError(
          "PUT manifest "
              + reference
              + " answered "
              + response.statusCode()
              + ": "
              + new String(response.body(), StandardCharsets.UTF_8));
    }
  }

  private static void descriptor(ObjectNode node, String mediaType, byte[] content) {
    node.put("mediaType", mediaType);
    node.put("digest", sha256(content));
    node.put("size", content.length);
  }

  private static URI uri(String repository, String path) {
    String name = repository.substring(repository.indexOf('/') + 1);
    return URI.create("https://" + GhcrStandIn.HOST + "/v2/" + name + "/" + path);
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
  }

  public static JsonNode parse(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON", e);
    }
  }

  public static String sha256(byte[] bytes) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
