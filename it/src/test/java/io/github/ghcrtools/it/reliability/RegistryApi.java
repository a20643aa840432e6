package io.github.ghcrtools.it.reliability;

import io.github.ghcrtools.it.standin.GhcrStandIn;
import io.github.ghcrtools.it.standin.RegistryApiClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The registry API calls a walk of the registry needs (catalog, tag list, manifest by tag or
 * digest, blob HEAD), made the way the code under test reaches "ghcr.io": through the stand-in's
 * proxy, trusting only the test CA, with the token flow ghcr.io demands ({@link
 * RegistryApiClient}): tokens are fetched from the front and kept, so each check is still one
 * request in the registry's log.
 */
final class RegistryApi {

  /** Every manifest shape a pushed image or chart can have. */
  static final String MANIFEST_TYPES =
      String.join(
          ", ",
          "application/vnd.oci.image.manifest.v1+json",
          "application/vnd.oci.image.index.v1+json",
          "application/vnd.docker.distribution.manifest.v2+json",
          "application/vnd.docker.distribution.manifest.list.v2+json");

  /** What the registry answered: status, body and the two headers a walk reads. */
  record Answer(int status, byte[] body, String contentType, String digest, long contentLength) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final RegistryApiClient client;

  RegistryApi(GhcrStandIn standIn) {
    this.client = standIn.registryApi();
  }

  Answer get(String path, String accept) {
    return send(request(path).header("Accept", accept).GET());
  }

  Answer head(String path) {
    return send(request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()));
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("https://ghcr.io" + path))
        .timeout(Duration.ofSeconds(30));
  }

  private Answer send(HttpRequest.Builder request) {
    HttpResponse<byte[]> response = client.send(request);
    return new Answer(
        response.statusCode(),
        response.body(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.headers().firstValue("Docker-Content-Digest").orElse(""),
        response.headers().firstValueAsLong("Content-Length").orElse(-1));
  }
}
