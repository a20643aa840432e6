package io.github.ghcrtools.it.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import io.github.ghcrtools.it.standin.RegistryRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
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
final class RegistryView {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final GhcrStandIn standIn;

  RegistryView(GhcrStandIn standIn) {
    this.standIn = standIn;
  }

  /** {@code sha256:} of the manifest bytes stored under {@code reference}. */
  String digestOf(String reference) {
    return sha256(standIn.skopeoTool().inspectRaw(reference).getBytes(StandardCharsets.UTF_8));
  }

  /** The image config blob exactly as stored ({@code skopeo inspect --config --raw}). */
  JsonNode config(String reference) {
    return parse(
        standIn
            .skopeo("inspect", "--config", "--raw", "docker://" + reference)
            .requireSuccess()
            .stdout());
  }

  /** Every tag of {@code repository} with the digest it points at, sorted by tag. */
  Map<String, String> tagDigests(String repository) {
    Map<String, String> tags = new TreeMap<>();
    for (String tag : standIn.skopeoTool().listTags(repository)) {
      tags.put(tag, digestOf(repository + ":" + tag));
    }
    return tags;
  }

  /** True when skopeo finds no manifest for {@code reference}. */
  boolean absent(String reference) {
    return !standIn.skopeo("inspect", "--raw", "docker://" + reference).succeeded();
  }

  /** Registry requests logged after the first {@code from} ones. */
  List<RegistryRequest> requestsSince(int from) {
    List<RegistryRequest> all = standIn.registryRequests();
    return List.copyOf(all.subList(Math.min(from, all.size()), all.size()));
  }

  static String sha256(byte[] bytes) {
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
