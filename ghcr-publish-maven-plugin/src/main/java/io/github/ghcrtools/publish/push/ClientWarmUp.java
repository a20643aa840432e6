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
 * the same Maven run does not start cold: on a low-priority daemon thread it loads Jib's manifest
 * JSON mapping, its HTTP stack and registry client, and the JVM's TLS context (trust store) and
 * handshake code (by writing a ClientHello into memory). Nothing leaves the machine and
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

  /** Starts the warm-up and returns at once. */
  public static void start() {
    Thread thread = new Thread(ClientWarmUp::runQuietly, "ghcr-client-warm-up");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
  }

  private static void runQuietly() {
    try {
      warm();
    } catch (Exception | LinkageError e) {
      // only a lost head start: the push loads all of this itself
    }
  }

  static void warm() throws Exception {
    JsonTemplateMapper.readJson(JsonTemplateMapper.toByteArray(new OciManifestTemplate()), OciManifestTemplate.class);
    ApacheHttpTransport.newDefaultHttpClientBuilder()
        .setSSLSocketFactory(SSLConnectionSocketFactory.getSystemSocketFactory())
        .build()
        .close();
    SSLContext tls = SSLContext.getDefault();
    SSLEngine engine = tls.createSSLEngine(GhcrReference.REGISTRY, 443);
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
}
