package io.github.ghcrtools.publish.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.core.ci.TrustedRef;
import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.PublishRecord;
import io.github.ghcrtools.core.record.PublishRecords;
import io.github.ghcrtools.core.registry.OciRegistry;
import io.github.ghcrtools.core.registry.RegistryCalls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * Readies the registry client while {@code ghcr:build} works, so that {@code ghcr:push} later in
 * the same Maven run does not start cold: on two daemon threads it makes the run's HTTP client and
 * fetches the push's bearer token through it (the connection, its TLS handshake and the token are
 * then the run's, and the push's first request goes at once), and loads the JSON parsing and record
 * mapping. The token request is the one the push would make first, with the same credentials;
 * without credentials, only the TLS code is loaded (a ClientHello written into memory). A failure
 * only means the push starts cold, and fetches (and reports) on its own.
 */
public final class ClientWarmUp {

  private ClientWarmUp() {}

  /**
   * Worth it when this run pushes next: a trusted CI run whose goals reach the deploy phase or name
   * a push goal. A pull-request build never pushes, so it never warms up.
   */
  public static boolean worthwhile(List<String> goals, TrustedRef trust) {
    return trust.trusted()
        && goals.stream().anyMatch(goal -> goal.equals("deploy") || goal.endsWith(":push"));
  }

  /**
   * The push's first request to ghcr.io's token service: its repository, credentials and calls
   * (sharing the run's token cache and HTTP client).
   */
  public record FirstToken(
      GhcrReference repository, RegistryCredentials credentials, RegistryCalls calls) {
    @Override
    public String toString() {
      return "FirstToken[" + repository.repositoryName() + "]"; // never the credentials
    }
  }

  /**
   * Starts readying the HTTP stack and TLS on its own thread, and returns at once.
   *
   * @param run where the run's HTTP client is kept: it is made there, for the push to use
   * @param token the push's token, fetched into the run's cache; empty: TLS is only loaded
   */
  public static void startTransport(AtomicReference<HttpClient> run, Optional<FirstToken> token) {
    start("ghcr-warm-up-transport", () -> transport(run, token));
  }

  /** Starts readying the JSON mapping on its own thread, and returns at once. */
  public static void startJson() {
    start("ghcr-warm-up-json", ClientWarmUp::json);
  }

  private static void start(String name, WarmUp work) {
    Thread thread = new Thread(() -> runQuietly(work), name);
    thread.setDaemon(true);
    thread.start();
  }

  private static void runQuietly(WarmUp work) {
    try {
      work.run();
    } catch (Exception | LinkageError e) {
      // only a lost head start: the push loads all of this itself
    }
  }

  /**
   * The run's HTTP client (made now, so its thread and classes are ready for the push), then the
   * push's token through it; without one, the registry client's classes, the TLS context and a
   * ClientHello written to memory.
   */
  static void transport(AtomicReference<HttpClient> run, Optional<FirstToken> token)
      throws Exception {
    RegistryCalls.clientOf(run); // first: the push waits for it if it comes before the rest
    if (token.isPresent()) {
      FirstToken first = token.get();
      OciRegistry.open(
              first.repository(), first.credentials(), OciRegistry.Access.PUSH, first.calls())
          .authorize();
      return;
    }
    SSLEngine engine = SSLContext.getDefault().createSSLEngine(GhcrReference.REGISTRY, 443);
    engine.setUseClientMode(true);
    engine.beginHandshake();
    engine.wrap(
        ByteBuffer.allocate(0), ByteBuffer.allocate(engine.getSession().getPacketBufferSize()));
    engine.closeOutbound();
    HttpRequest.newBuilder(URI.create("https://" + GhcrReference.REGISTRY + "/v2/")).build();
    Class.forName(OciRegistry.class.getName());
  }

  /**
   * The JSON parsing that reads every manifest, and the record mapping (Java records, times) the
   * push's publish record goes through; the release's shared state has its own mapper, which finds
   * the same classes loaded.
   */
  static void json() throws Exception {
    new ObjectMapper().readTree("{\"schemaVersion\":2,\"layers\":[{\"size\":1}]}");
    PublishRecord sample =
        PublishRecord.of(
            ArtifactKind.IMAGE,
            "warm-up",
            "ghcr.io/warm-up/warm-up",
            "sha256:" + "0".repeat(64),
            List.of("1.0.0"),
            null,
            null,
            Instant.EPOCH);
    PublishRecords.fromJson(PublishRecords.toJson(sample));
  }

  @FunctionalInterface
  private interface WarmUp {
    void run() throws Exception;
  }
}
