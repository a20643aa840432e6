package io.github.ghcrtools.it.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import io.github.ghcrtools.it.standin.RegistryRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the registry holds, as skopeo (another client entirely) reads it: manifest digests are
 * computed here from the bytes skopeo returns, never taken from the plugin's own account.
 */
public final class RegistryView {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final GhcrStandIn standIn;

  public RegistryView(GhcrStandIn standIn) {
    this.standIn = standIn;
  }

  /** {@code sha256:} of the manifest bytes stored under {@code reference}. */
  public String digestOf(String reference) {
    return sha256(standIn.skopeoTool().inspectRaw(reference).getBytes(StandardCharsets.UTF_8));
  }

  /** The image config blob exactly as stored ({@code skopeo inspect --config --raw}). */
  public JsonNode config(String reference) {
    return parse(
        standIn
            .skopeo("inspect", "--config", "--raw", "docker://" + reference)
            .requireSuccess()
            .stdout());
  }

  /**
   * The manifest or index stored under {@code reference} ({@code skopeo inspect --raw}), after
   * checking that its bytes have the digest a {@code @sha256:} reference names.
   */
  public JsonNode manifest(String reference) {
    String raw = standIn.skopeoTool().inspectRaw(reference);
    int at = reference.indexOf('@');
    if (at >= 0) {
      String digest = sha256(raw.getBytes(StandardCharsets.UTF_8));
      if (!digest.equals(reference.substring(at + 1))) {
        throw new AssertionError(reference + " holds a manifest of digest " + digest);
      }
    }
    return parse(raw);
  }

  /**
   * Every tag of {@code repository} but the referrers tags ({@code sha256-<hex>}, which list the
   * SBOM and provenance; {@code ImageReferrersIT} reads those), with the digest it points at,
   * sorted by tag.
   */
  public Map<String, String> tagDigests(String repository) {
    Map<String, String> tags = new TreeMap<>();
    for (String tag : standIn.skopeoTool().listTags(repository)) {
      if (tag.startsWith("sha256-")) {
        continue;
      }
      tags.put(tag, digestOf(repository + ":" + tag));
    }
    return tags;
  }

  /** True when skopeo finds no manifest for {@code reference}. */
  public boolean absent(String reference) {
    return !standIn.skopeo("inspect", "--raw", "docker://" + reference).succeeded();
  }

  /** Registry requests logged after the first {@code from} ones. */
  public List<RegistryRequest> requestsSince(int from) {
    List<RegistryRequest> all = standIn.registryRequests();
    return List.copyOf(all.subList(Math.min(from, all.size()), all.size()));
  }

  /**
   * Blob uploads the registry completed in the repository {@code <owner>/<name>}, by digest: the
   * {@code PUT} that closes an upload session or a monolithic {@code POST} ({@code ?digest=}), and
   * a cross-repository mount ({@code ?mount=}), each answered 201 (as the reliability suite's
   * {@code BlobCommits} counts them).
   */
  static Map<String, Integer> blobCommits(List<RegistryRequest> requests, String repository) {
    String uploads = "/v2/" + repository + "/blobs/uploads/";
    Map<String, Integer> commits = new TreeMap<>();
    for (RegistryRequest r : requests) {
      if (r.status() != 201
          || !(r.method().equals("PUT") || r.method().equals("POST"))
          || !r.pathWithoutQuery().startsWith(uploads)
          || r.pathWithoutQuery().length() == r.path().length()) {
        continue;
      }
      for (String parameter : r.path().substring(r.path().indexOf('?') + 1).split("&")) {
        if (parameter.startsWith("digest=") || parameter.startsWith("mount=")) {
          String digest = parameter.substring(parameter.indexOf('=') + 1);
          commits.merge(URLDecoder.decode(digest, StandardCharsets.UTF_8), 1, Integer::sum);
        }
      }
    }
    return commits;
  }

  /** The digest of the largest layer {@code manifest} lists. */
  public static String biggestLayer(JsonNode manifest) {
    return java.util.stream.StreamSupport.stream(manifest.path("layers").spliterator(), false)
        .max((x, y) -> Long.compare(x.path("size").asLong(), y.path("size").asLong()))
        .orElseThrow()
        .path("digest")
        .asText();
  }

  /**
   * Pulls the image {@code reference} with {@code skopeo copy} into {@code directory} (skopeo
   * checks every blob's digest as it goes) and returns the size of its blob {@code digest}, whose
   * bytes are checked here once more.
   */
  public long pulledBlobSize(String reference, java.nio.file.Path directory, String digest)
      throws java.io.IOException {
    standIn.skopeo("copy", "docker://" + reference, "dir:" + directory).requireSuccess();
    java.nio.file.Path blob = directory.resolve(digest.substring("sha256:".length()));
    byte[] bytes = java.nio.file.Files.readAllBytes(blob);
    if (!digest.equals(sha256(bytes))) {
      throw new AssertionError("blob " + digest + " as pulled has digest " + sha256(bytes));
    }
    return bytes.length;
  }

  public static String sha256(byte[] bytes) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("skopeo printed no JSON: " + text, e);
    }
  }
}
