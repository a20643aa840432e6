package io.github.ghcrtools.it.bench;

import io.github.ghcrtools.it.standin.RegistryRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The requests the registry logged during one publish, counted from the server's side. Uploaded
 * bytes are priced from the image's manifest, because the access log's byte field is the size of
 * the response, not of the request body: a completed blob upload (the request that carries {@code
 * digest=}, answered 201) counts the size of that blob, a manifest PUT the manifest's length.
 * Headers, TLS and the bytes of an upload that never completed are not counted.
 */
record RegistryTraffic(List<RegistryRequest> requests) {

  RegistryTraffic {
    requests = List.copyOf(requests);
  }

  int count() {
    return requests.size();
  }

  /** Digests of blobs whose upload completed (cross-repository mounts are not uploads). */
  List<String> uploadedBlobs() {
    return requests.stream()
        .filter(r -> r.status() == 201 && r.pathWithoutQuery().contains("/blobs/uploads/"))
        .filter(r -> query(r, "mount").isEmpty())
        .map(
            r ->
                query(r, "digest")
                    .orElseThrow(
                        () ->
                            new IllegalStateException(
                                "a blob upload answered 201 without a digest parameter: " + r)))
        .toList();
  }

  /** Manifests the registry accepted (one per tag written). */
  long manifestPuts() {
    return requests.stream()
        .filter(
            r ->
                r.method().equals("PUT")
                    && r.status() == 201
                    && r.pathWithoutQuery().contains("/manifests/"))
        .count();
  }

  long uploadedBytes(ImageManifest manifest) {
    long blobs = uploadedBlobs().stream().mapToLong(manifest::sizeOf).sum();
    return blobs + manifestPuts() * manifest.manifestBytes();
  }

  /** Requests by kind, most frequent first, e.g. {@code 5 HEAD manifest, 1 GET /v2/ 401}. */
  String byKind() {
    Map<String, Long> counts =
        requests.stream()
            .collect(
                Collectors.groupingBy(
                    RegistryTraffic::kind, LinkedHashMap::new, Collectors.counting()));
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
        .map(e -> e.getValue() + " " + e.getKey())
        .collect(Collectors.joining(", "));
  }

  /** Method, endpoint and (when not a success) the status: {@code HEAD manifest 404}. */
  static String kind(RegistryRequest request) {
    String path = request.pathWithoutQuery();
    String endpoint;
    if (path.equals("/v2/") || path.equals("/v2")) {
      endpoint = "/v2/";
    } else if (path.contains("/blobs/uploads")) {
      endpoint = "upload";
    } else if (path.contains("/blobs/")) {
      endpoint = "blob";
    } else if (path.contains("/manifests/")) {
      endpoint = "manifest";
    } else if (path.contains("/tags/list")) {
      endpoint = "tags";
    } else {
      endpoint = path;
    }
    int status = request.status();
    boolean success = status >= 200 && status < 300;
    return request.method() + " " + endpoint + (success ? "" : " " + status);
  }

  private static Optional<String> query(RegistryRequest request, String name) {
    String path = request.path();
    int start = path.indexOf('?');
    if (start < 0) {
      return Optional.empty();
    }
    for (String pair : path.substring(start + 1).split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (key.equals(name)) {
        return Optional.of(
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }
}
