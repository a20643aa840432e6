package io.github.ghcrtools.it.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Walks the whole registry as a deployment would read it: catalog → tags → the manifest each tag
 * points at (and the manifests of an index) → every blob they reference, with a HEAD. The invariant
 * a push must keep under any fault or abort is that no tag ever points at a manifest whose blobs
 * are missing; this is where it is checked, from the registry's side.
 */
final class RegistryWalk {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What the registry holds.
   *
   * @param tags repository → tag → digest of the manifest it points at
   * @param problems every broken reference found, one line each; empty when intact
   * @param blobsChecked how many distinct blobs were found present
   */
  record State(Map<String, Map<String, String>> tags, List<String> problems, int blobsChecked) {

    int tagCount() {
      return tags.values().stream().mapToInt(Map::size).sum();
    }

    /**
     * Throws with every problem when a tag points at a manifest with missing blobs (or at nothing).
     */
    State assertIntact(String when) {
      if (!problems.isEmpty()) {
        throw new AssertionError(
            "registry not intact "
                + when
                + ": "
                + problems.size()
                + " problem(s):\n  "
                + String.join("\n  ", problems));
      }
      return this;
    }
  }

  private final RegistryApi api;

  RegistryWalk(GhcrStandIn standIn) {
    this.api = new RegistryApi(standIn);
  }

  /** Repository names, sorted. */
  List<String> catalog() {
    List<String> names = new ArrayList<>();
    while (true) {
      String query = "?n=1000" + (names.isEmpty() ? "" : "&last=" + names.get(names.size() - 1));
      RegistryApi.Answer answer = api.get("/v2/_catalog" + query, "application/json");
      require(answer, "/v2/_catalog" + query);
      JsonNode page = json(answer).path("repositories");
      page.forEach(n -> names.add(n.asText()));
      if (page.size() < 1000) {
        names.sort(null);
        return names;
      }
    }
  }

  /** Tags of {@code repository}, sorted; empty when it has none. */
  List<String> tags(String repository) {
    RegistryApi.Answer answer = api.get("/v2/" + repository + "/tags/list", "application/json");
    if (answer.status() == 404) {
      return List.of();
    }
    require(answer, repository + " tags");
    List<String> tags = new ArrayList<>();
    json(answer).path("tags").forEach(t -> tags.add(t.asText()));
    tags.sort(null);
    return tags;
  }

  /**
   * Catalog and tag lists with the digest each tag points at (one HEAD per tag): the cheap view for
   * "the registry is unchanged".
   */
  Map<String, Map<String, String>> tagDigests() {
    Map<String, Map<String, String>> all = new TreeMap<>();
    for (String repository : catalog()) {
      Map<String, String> digests = new TreeMap<>();
      for (String tag : tags(repository)) {
        RegistryApi.Answer answer =
            api.get("/v2/" + repository + "/manifests/" + tag, RegistryApi.MANIFEST_TYPES);
        digests.put(
            tag, answer.status() == 200 ? sha256(answer.body()) : "HTTP " + answer.status());
      }
      all.put(repository, digests);
    }
    return all;
  }

  /** The full walk: every tag, every manifest it reaches, every blob those reference. */
  State walk() {
    Map<String, Map<String, String>> all = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    int blobs = 0;
    for (String repository : catalog()) {
      Map<String, String> digests = new TreeMap<>();
      Set<String> presentBlobs = new HashSet<>();
      Set<String> visitedManifests = new HashSet<>();
      for (String tag : tags(repository)) {
        String where = repository + ":" + tag;
        RegistryApi.Answer answer =
            api.get("/v2/" + repository + "/manifests/" + tag, RegistryApi.MANIFEST_TYPES);
        if (answer.status() != 200) {
          problems.add(where + " is listed but its manifest answers HTTP " + answer.status());
          continue;
        }
        String digest = sha256(answer.body());
        digests.put(tag, digest);
        if (!answer.digest().isEmpty() && !answer.digest().equals(digest)) {
          problems.add(
              where
                  + ": Docker-Content-Digest "
                  + answer.digest()
                  + " but the manifest bytes hash to "
                  + digest);
        }
        checkManifest(repository, where, digest, answer, presentBlobs, visitedManifests, problems);
      }
      blobs += presentBlobs.size();
      all.put(repository, digests);
    }
    return new State(all, problems, blobs);
  }

  private void checkManifest(
      String repository,
      String where,
      String digest,
      RegistryApi.Answer answer,
      Set<String> presentBlobs,
      Set<String> visited,
      List<String> problems) {
    if (!visited.add(digest)) {
      return;
    }
    JsonNode manifest = json(answer);
    JsonNode children = manifest.path("manifests");
    if (children.isArray() && !children.isEmpty()) {
      for (JsonNode child : children) {
        String childDigest = child.path("digest").asText();
        RegistryApi.Answer childAnswer =
            api.get("/v2/" + repository + "/manifests/" + childDigest, RegistryApi.MANIFEST_TYPES);
        if (childAnswer.status() != 200) {
          problems.add(
              where
                  + " (index "
                  + digest
                  + ") lists manifest "
                  + childDigest
                  + ", which answers HTTP "
                  + childAnswer.status());
        } else {
          checkManifest(
              repository,
              where + " → " + childDigest,
              childDigest,
              childAnswer,
              presentBlobs,
              visited,
              problems);
        }
      }
      return;
    }
    List<JsonNode> descriptors = new ArrayList<>();
    if (manifest.has("config")) {
      descriptors.add(manifest.path("config"));
    }
    manifest.path("layers").forEach(descriptors::add);
    if (descriptors.isEmpty()) {
      problems.add(
          where + " (" + digest + ") references no config and no layers: " + answer.text());
    }
    for (JsonNode descriptor : descriptors) {
      String blob = descriptor.path("digest").asText();
      if (presentBlobs.contains(blob)) {
        continue;
      }
      RegistryApi.Answer head = api.head("/v2/" + repository + "/blobs/" + blob);
      long size = descriptor.path("size").asLong(-1);
      if (head.status() != 200) {
        problems.add(
            where
                + " ("
                + digest
                + ") references blob "
                + blob
                + ", which answers HTTP "
                + head.status());
      } else if (size >= 0 && head.contentLength() >= 0 && head.contentLength() != size) {
        problems.add(
            where
                + " ("
                + digest
                + ") references blob "
                + blob
                + " of "
                + size
                + " bytes; the registry has "
                + head.contentLength());
      } else {
        presentBlobs.add(blob);
      }
    }
  }

  private static void require(RegistryApi.Answer answer, String what) {
    if (answer.status() != 200) {
      throw new IllegalStateException(
          what + " answered HTTP " + answer.status() + ": " + answer.text());
    }
  }

  private static JsonNode json(RegistryApi.Answer answer) {
    try {
      return JSON.readTree(answer.body());
    } catch (IOException e) {
      throw new UncheckedIOException("the registry answered no JSON: " + answer.text(), e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
