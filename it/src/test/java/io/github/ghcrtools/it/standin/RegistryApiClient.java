package io.github.ghcrtools.it.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * A plain JDK HTTP client for the registry API calls skopeo has no command for (the catalog). It
 * goes the way the code under test goes: to https://ghcr.io through the proxy, trusting the test
 * CA, with the JDK's own basic-auth handling.
 */
final class RegistryApiClient {

  private final HttpClient client;
  private final ObjectMapper json = new ObjectMapper();

  RegistryApiClient(String proxyHost, int proxyPort, SSLContext sslContext, String user,
      String password) {
    this.client = HttpClient.newBuilder()
        .proxy(ProxySelector.of(new InetSocketAddress(proxyHost, proxyPort)))
        .sslContext(sslContext)
        .connectTimeout(Duration.ofSeconds(10))
        .authenticator(new Authenticator() {
          @Override
          protected PasswordAuthentication getPasswordAuthentication() {
            return getRequestorType() == RequestorType.SERVER
                ? new PasswordAuthentication(user, password.toCharArray())
                : null;
          }
        })
        .build();
  }

  /** Every repository name in the registry ({@code GET /v2/_catalog}, all pages). */
  List<String> catalog() {
    List<String> repositories = new ArrayList<>();
    String last = null;
    while (true) {
      String query = "?n=1000" + (last == null ? "" : "&last=" + URLEncoder.encode(last, StandardCharsets.UTF_8));
      JsonNode page = get("/v2/_catalog" + query);
      JsonNode names = page.path("repositories");
      names.forEach(name -> repositories.add(name.asText()));
      if (names.size() < 1000) {
        return repositories;
      }
      last = repositories.get(repositories.size() - 1);
    }
  }

  private JsonNode get(String path) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("https://ghcr.io" + path))
        .timeout(Duration.ofSeconds(30))
        .build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GET https://ghcr.io" + path + " answered "
            + response.statusCode() + ": " + response.body());
      }
      return json.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("GET https://ghcr.io" + path + " failed through the proxy", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during GET https://ghcr.io" + path, e);
    }
  }
}
