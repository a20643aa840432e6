package io.github.ghcrtools.it.reliability;

import io.github.ghcrtools.it.standin.GhcrStandIn;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The registry API calls a walk of the registry needs (catalog, tag list, manifest by tag or
 * digest, blob HEAD), made the way the code under test reaches "ghcr.io": through the stand-in's
 * proxy, trusting only the test CA. Basic credentials are sent up front so that each check is one
 * request in the registry's log.
 */
final class RegistryApi {

  /** Every manifest shape a pushed image or chart can have. */
  static final String MANIFEST_TYPES = String.join(", ",
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

  private final HttpClient client;
  private final String authorization;

  RegistryApi(GhcrStandIn standIn) {
    this.client = HttpClient.newBuilder()
        .proxy(ProxySelector.of(new InetSocketAddress(standIn.proxyHost(), standIn.proxyPort())))
        .sslContext(standIn.sslContext())
        .connectTimeout(Duration.ofSeconds(10))
        .build();
    this.authorization = "Basic " + Base64.getEncoder().encodeToString(
        (standIn.username() + ":" + standIn.password()).getBytes(StandardCharsets.UTF_8));
  }

  Answer get(String path, String accept) {
    return send(request(path).header("Accept", accept).GET().build());
  }

  Answer head(String path) {
    return send(request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("https://ghcr.io" + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", authorization);
  }

  private Answer send(HttpRequest request) {
    try {
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(response.statusCode(), response.body(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.headers().firstValue("Docker-Content-Digest").orElse(""),
          response.headers().firstValueAsLong("Content-Length").orElse(-1));
    } catch (IOException e) {
      throw new IllegalStateException(request.method() + " " + request.uri() + " failed through the proxy", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + request.method() + " " + request.uri(), e);
    }
  }
}
