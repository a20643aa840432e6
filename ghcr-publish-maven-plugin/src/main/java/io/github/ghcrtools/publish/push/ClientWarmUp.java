package io.github.ghcrtools.publish.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.core.ci.TrustedRef;
import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.reactor.HeadStart;
import io.github.ghcrtools.core.record.PublishRecords;
import io.github.ghcrtools.core.registry.OciRegistry;
import io.github.ghcrtools.core.registry.RegistryCalls;
import io.github.ghcrtools.core.signing.SigningPlan;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * Readies the registry client while {@code ghcr:build} works, so that {@code ghcr:push} later in
 * the same Maven run does not start cold. At the start of the build, on two daemon threads, it
 * makes the run's HTTP client and loads the JVM's TLS context (trust store) and handshake code (a
 * ClientHello written into memory), and the JSON parsing and record mapping: nothing leaves the
 * machine. Once the build's policy checks and secret scan have passed, a third fetches the push's
 * bearer token through the run's client ({@link #startToken}): the one request the push would make
 * first, with the same credentials, so the connection and the token are the run's when the push
 * starts. A failure only means the push starts cold, and fetches (and reports) on its own.
 */
public final class ClientWarmUp {

  private ClientWarmUp() {}

  /**
   * Worth it when this run pushes next: a trusted CI run whose goals reach the deploy phase or name
   * a push goal. A pull-request build never pushes, so it never warms up.
   */
  public static boolean worthwhile(List<String> goals, TrustedRef trust) {
    return trust.trusted()
        && goals.stream().anyMatch(goal -> goal.equals("deploy") || namesPush(goal));
  }

  /**
   * Whether this project's push comes in this run and would send its first request: {@code
   * ghcr:push} named, or {@code deploy} with the push bound in the POM ({@code pushBound}); not
   * skipped by {@code ghcr.push.skip}; and no {@code ghcr.sign} it refuses before any request.
   *
   * @param properties the project, system and user properties, later ones winning
   * @param env the process environment (the OIDC variables)
   */
  public static boolean pushFollows(
      List<String> goals,
      boolean pushBound,
      Map<String, String> properties,
      Map<String, String> env) {
    boolean runs =
        goals.stream().anyMatch(ClientWarmUp::namesPush) || (pushBound && goals.contains("deploy"));
    return runs
        && !Boolean.parseBoolean(properties.get("ghcr.push.skip"))
        && !SigningPlan.refusedBeforeAnyRequest(properties.get("ghcr.sign"), env);
  }

  /**
   * {@code properties} with what the POM sets the push's {@code skip} and {@code sign} to, which
   * Maven gives the push over the {@code ghcr.push.skip} and {@code ghcr.sign} properties.
   */
  public static Map<String, String> withPushConfiguration(
      Map<String, String> properties, Optional<String> skip, Optional<String> sign) {
    Map<String, String> merged = new HashMap<>(properties);
    skip.ifPresent(value -> merged.put("ghcr.push.skip", value));
    sign.ifPresent(value -> merged.put("ghcr.sign", value));
    return merged;
  }

  /**
   * A command-line goal that is this plugin's push: {@code ghcr:push} or its full form ({@code
   * helm-oci:push} is not).
   */
  public static boolean namesPush(String goal) {
    return goal.equals("ghcr:push")
        || (goal.startsWith("io.github.ghcrtools:ghcr-publish-maven-plugin:")
            && goal.endsWith(":push"));
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
   * @return that client once made; null if making it failed
   */
  public static CompletableFuture<HttpClient> startTransport(AtomicReference<HttpClient> run) {
    CompletableFuture<HttpClient> made = new CompletableFuture<>();
    HeadStart.start(
        "ghcr-warm-up-transport",
        () -> {
          try {
            made.complete(RegistryCalls.clientOf(run));
          } finally {
            made.complete(null); // failed: the token is not fetched ahead
          }
          transport(run);
        });
    return made;
  }

  /**
   * Starts fetching the push's token into the run's cache on its own thread, and returns at once; a
   * push that needs it meanwhile waits for this request rather than sending its own.
   *
   * @param client the run's client as {@link #startTransport} made it: the token goes through that
   *     one only, never through another the run's shared state may hold
   */
  public static void startToken(FirstToken token, CompletableFuture<HttpClient> client) {
    HeadStart.start(
        "ghcr-warm-up-token",
        () -> {
          HttpClient made = client.get();
          if (made != null && made == token.calls().transport().get()) {
            token(token, made);
          }
        });
  }

  /** Starts readying the JSON mapping on its own thread, and returns at once. */
  public static void startJson() {
    HeadStart.start("ghcr-warm-up-json", ClientWarmUp::json);
  }

  /**
   * The run's HTTP client (made now, so its classes and TLS context are ready for the push), the
   * registry client's classes, the TLS context and a ClientHello written to memory.
   */
  static void transport(AtomicReference<HttpClient> run) throws Exception {
    RegistryCalls.clientOf(run); // first: the push waits for it if it comes before the rest
    SSLEngine engine = SSLContext.getDefault().createSSLEngine(GhcrReference.REGISTRY, 443);
    engine.setUseClientMode(true);
    engine.beginHandshake();
    engine.wrap(
        ByteBuffer.allocate(0), ByteBuffer.allocate(engine.getSession().getPacketBufferSize()));
    engine.closeOutbound();
    HttpRequest.newBuilder(URI.create("https://" + GhcrReference.REGISTRY + "/v2/")).build();
    Class.forName(OciRegistry.class.getName());
  }

  /** The push's token, through {@code client}, the run's. */
  static void token(FirstToken token, HttpClient client) throws Exception {
    OciRegistry.over(
            client, token.repository(), token.credentials(), OciRegistry.Access.PUSH, token.calls())
        .authorize();
  }

  /**
   * The JSON parsing that reads every manifest, and the record mapping (Java records, times) the
   * push's publish record goes through; the release's shared state has its own mapper, which finds
   * the same classes loaded.
   */
  static void json() throws Exception {
    new ObjectMapper().readTree("{\"schemaVersion\":2,\"layers\":[{\"size\":1}]}");
    PublishRecords.mapSample();
  }
}
