package io.github.ghcrtools.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.policy.PolicyViolationException;
import io.github.ghcrtools.core.retry.RetryClassifier;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * ghcr.io's bearer tokens, the only authentication its {@code /v2/} API accepts: fetched from the
 * token service with the Basic credentials (the one place they are ever sent), one per scope, and
 * kept for the Maven run (the cache may be shared by the clients of the run). A token being fetched
 * is in the cache as a pending future, so a client that needs the same token meanwhile (the push
 * after {@code ghcr:build} started fetching it) waits for that fetch instead of sending its own.
 * ghcr.io's tokens carry no {@code expires_in}, so a token is used until a 401 says it expired;
 * {@link #renew} then fetches one fresh token with the credentials, once for all the threads that
 * saw the same stale token.
 */
final class GhcrTokens {

  /** ghcr.io's token service, asked before any challenge so a call costs no extra round trip. */
  static final URI REALM = URI.create("https://" + GhcrReference.REGISTRY + "/token");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient http;
  private final RegistryCredentials credentials;
  private final String userAgent;
  private final Map<String, CompletableFuture<String>> tokens;
  private final String owner;
  private final AtomicInteger fetches = new AtomicInteger();

  /**
   * @param tokens the cache, maybe shared with other clients of the run; keyed by credentials and
   *     scope
   */
  GhcrTokens(
      HttpClient http,
      RegistryCredentials credentials,
      String userAgent,
      Map<String, CompletableFuture<String>> tokens) {
    this.http = http;
    this.credentials = credentials;
    this.userAgent = userAgent;
    this.tokens = tokens;
    // the cache key never holds the token itself, only which credentials a token was fetched with
    this.owner =
        credentials.username() + "#" + Integer.toHexString(credentials.token().hashCode()) + " ";
  }

  /**
   * The token for {@code scope} ({@code repository:<name>:pull,push}; several space-separated, each
   * sent as its own {@code scope} parameter as Docker's clients do), fetched on first use. When
   * another client of the run is fetching it, this waits for that fetch: a refusal of these
   * credentials or this scope is then this call's too, while any other failure makes this call ask
   * on its own, so that failure is its own to report.
   */
  String token(String scope) throws IOException, InterruptedException {
    String key = owner + scope;
    Optional<String> known = awaitKnown(key, true);
    if (known.isEmpty() && scope.endsWith(":pull") && !scope.contains(" ")) {
      // a read after this run's push to the same repository (the signal's checks, the release's
      // reads) uses the push token: it may pull too (a refused push scope says nothing of pull,
      // refused credentials do)
      known = awaitKnown(key + ",push", false);
    }
    if (known.isPresent()) {
      return known.get();
    }
    CompletableFuture<String> mine = new CompletableFuture<>();
    for (CompletableFuture<String> other = tokens.putIfAbsent(key, mine);
        other != null;
        other = tokens.putIfAbsent(key, mine)) {
      Optional<String> theirs = await(other, true);
      if (theirs.isPresent()) {
        return theirs.get();
      }
      tokens.remove(key, other);
    }
    try {
      String token = fetch(REALM, GhcrReference.REGISTRY, scope);
      mine.complete(token);
      return token;
    } catch (Throwable e) { // whatever ends the fetch, nobody may wait on it forever
      if (!stays(e)) {
        tokens.remove(key, mine);
      }
      mine.completeExceptionally(e);
      throw e;
    }
  }

  /**
   * The token under {@code key}, once its fetch (maybe another client's) is done; empty: none.
   *
   * @param sameScope the key is this call's own scope, so a refusal there is this call's too
   */
  private Optional<String> awaitKnown(String key, boolean sameScope)
      throws IOException, InterruptedException {
    CompletableFuture<String> known = tokens.get(key);
    if (known == null) {
      return Optional.empty();
    }
    Optional<String> token = await(known, sameScope);
    if (token.isEmpty() && !stays(known.handle((t, e) -> e).getNow(null))) {
      tokens.remove(key, known); // failed on its way: the next client asks again
    }
    return token;
  }

  /**
   * Whether a fetch that failed with {@code failure} stays in the cache: a refusal does, so these
   * credentials are not sent for it again; any other failure is asked again by the next client.
   */
  private static boolean stays(Throwable failure) {
    return failure instanceof RegistryAccessException;
  }

  /**
   * The fetched token; empty when that fetch failed on its way (this client then asks on its own).
   * A refusal of the credentials, or of this client's own scope, is this client's too: it is
   * thrown, and stays in the cache, so refused credentials are sent once in a run, not once per
   * client.
   */
  private static Optional<String> await(CompletableFuture<String> fetch, boolean sameScope)
      throws IOException, InterruptedException {
    try {
      return Optional.of(fetch.get());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RegistryAccessException refused
          && (sameScope
              || refused.reason() == RegistryAccessException.Reason.CREDENTIALS_REFUSED)) {
        throw refused;
      }
      return Optional.empty();
    }
  }

  /**
   * A fresh token after {@code stale} was refused with {@code challenge}; when another thread
   * already renewed it, that token is returned without asking again ({@link Renewal#fetched} false:
   * it may have aged while this thread's request waited, so a second refusal renews again).
   */
  synchronized Renewal renew(String scope, String stale, Challenge challenge)
      throws IOException, InterruptedException {
    Optional<String> current = awaitKnown(owner + scope, false);
    if (current.isPresent() && !current.get().equals(stale)) {
      return new Renewal(current.get(), false);
    }
    URI realm = realm(challenge);
    String token =
        fetch(realm, challenge.parameter("service").orElse(GhcrReference.REGISTRY), scope);
    tokens.put(owner + scope, CompletableFuture.completedFuture(token));
    return new Renewal(token, true);
  }

  /** A renewed token, and whether this renewal fetched it (false: another thread had). */
  record Renewal(String token, boolean fetched) {
    @Override
    public String toString() {
      return "Renewal[fetched=" + fetched + "]"; // never the token
    }
  }

  /** Who the tokens are for: the user and a hash of the credentials, never the token itself. */
  String sender() {
    return owner;
  }

  /** Tokens fetched so far. */
  int fetches() {
    return fetches.get();
  }

  private String fetch(URI realm, String service, String scope)
      throws IOException, InterruptedException {
    URI uri =
        URI.create(
            realm
                + (realm.getQuery() == null ? "?" : "&")
                + "service="
                + encode(service)
                + scopeParameters(scope));
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (credentials.username() + ":" + credentials.token().reveal())
                    .getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Authorization", "Basic " + basic)
            .header("User-Agent", userAgent)
            .timeout(TIMEOUT)
            .GET()
            .build();
    fetches.incrementAndGet();
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    int status = response.statusCode();
    if (status == 401) {
      throw RegistryAccessException.credentialsRefused(
          status, RegistryErrorBody.parse(response.body()), credentials);
    }
    if (status == 403) { // the credentials were accepted, the access asked for was not
      throw RegistryAccessException.scopeRefused(
          scope, status, RegistryErrorBody.parse(response.body()), credentials);
    }
    if (status != 200) {
      throw new RegistryResponseException(
          "Getting a token from " + realm.getHost(),
          status,
          RegistryErrorBody.parse(response.body()),
          RetryClassifier.parseRetryAfter(
              response.headers().firstValue("Retry-After").orElse(null), Instant.now()));
    }
    JsonNode body = JSON.readTree(response.body());
    String token = body.path("token").asText(body.path("access_token").asText(""));
    if (token.isEmpty()) {
      throw new IOException("ghcr.io's token service answered without a token");
    }
    return token;
  }

  /**
   * The challenge's realm, which must be ghcr.io itself over https: credentials go nowhere else.
   */
  static URI realm(Challenge challenge) {
    String value = challenge.parameter("realm").orElse(REALM.toString());
    URI realm;
    try {
      realm = URI.create(value);
    } catch (IllegalArgumentException e) {
      throw new PolicyViolationException(
          "ghcr.io asked for a token from an unreadable address; credentials are"
              + " only sent to "
              + REALM
              + ".");
    }
    boolean ghcr =
        "https".equals(realm.getScheme())
            && realm.getHost() != null
            && GhcrReference.REGISTRY.equals(realm.getHost().toLowerCase(Locale.ROOT))
            && (realm.getPort() == -1 || realm.getPort() == 443)
            && realm.getUserInfo() == null
            && REALM.getPath().equals(realm.getPath());
    if (!ghcr) {
      throw new PolicyViolationException(
          "The registry asked for a token from "
              + realm.getScheme()
              + "://"
              + realm.getHost()
              + realm.getPath()
              + "; credentials are only sent to "
              + REALM
              + ".");
    }
    return realm;
  }

  private static String scopeParameters(String scopes) {
    StringBuilder query = new StringBuilder();
    for (String scope : scopes.trim().split("\\s+")) {
      query.append("&scope=").append(encode(scope));
    }
    return query.toString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
