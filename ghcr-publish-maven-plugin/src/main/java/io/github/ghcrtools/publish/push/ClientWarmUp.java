package io.github.ghcrtools.publish.push;

import com.google.api.client.http.apache.v2.ApacheHttpTransport;
import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.event.EventHandlers;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.image.json.OciManifestTemplate;
import com.google.cloud.tools.jib.json.JsonTemplateMapper;
import com.google.cloud.tools.jib.registry.RegistryClient;
import io.github.ghcrtools.core.ci.TrustedRef;
import io.github.ghcrtools.core.policy.GhcrReference;
import java.nio.ByteBuffer;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;

/**
 * Readies the registry client while {@code ghcr:build} works, so that {@code ghcr:push} later in
 * the same Maven run does not start cold: on two daemon threads it loads Jib's HTTP stack and
 * registry client with the JVM's TLS context (trust store) and handshake code (by writing a
 * ClientHello into memory), and Jib's manifest JSON mapping. Nothing leaves the machine and
 * nothing is kept; a failure only means the push starts cold.
 */
public final class ClientWarmUp {

  private ClientWarmUp() {}

  /**
   * Worth it when this run pushes next: a trusted CI run whose goals reach the deploy phase or
   * name a push goal. A pull-request build never pushes, so it never warms up.
   */
  public static boolean worthwhile(List<String> goals, TrustedRef trust) {
    return trust.trusted() && goals.stream().anyMatch(goal -> goal.equals("deploy") || goal.endsWith(":push"));
  }

  /** Starts readying the HTTP stack and TLS on its own thread, and returns at once. */
  public static void startTransport() {
    start("ghcr-warm-up-transport", ClientWarmUp::transport);
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

  /** Jib's HTTP stack and registry client, the TLS context and a ClientHello written to memory. */
  static void transport() throws Exception {
    ApacheHttpTransport.newDefaultHttpClientBuilder()
        .setSSLSocketFactory(SSLConnectionSocketFactory.getSystemSocketFactory())
        .build()
        .close();
    SSLEngine engine = SSLContext.getDefault().createSSLEngine(GhcrReference.REGISTRY, 443);
    engine.setUseClientMode(true);
    engine.beginHandshake();
    engine.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(engine.getSession().getPacketBufferSize()));
    engine.closeOutbound();
    FailoverHttpClient http = new FailoverHttpClient(false, false, event -> {});
    RegistryClient.factory(EventHandlers.NONE, GhcrReference.REGISTRY, "warm-up/warm-up", http)
        .setCredential(Credential.from("warm-up", "warm-up"))
        .newRegistryClient()
        .configureBasicAuth();
  }

  /** Jib's manifest JSON mapping, which reads every registry answer. */
  static void json() throws Exception {
    JsonTemplateMapper.readJson(JsonTemplateMapper.toByteArray(new OciManifestTemplate()), OciManifestTemplate.class);
  }

  @FunctionalInterface
  private interface WarmUp {
    void run() throws Exception;
  }
}
