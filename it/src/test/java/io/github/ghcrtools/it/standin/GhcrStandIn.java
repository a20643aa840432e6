package io.github.ghcrtools.it.standin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * "ghcr.io" on loopback: a real registry behind TLS and basic auth, reached only through a CONNECT
 * proxy that lets nothing but {@code ghcr.io:443} through. Production code runs unmodified against
 * it (no endpoint override, no insecure flag); JVM proxy and trust-store properties do the
 * redirecting, for this JVM and, through {@link #jvmProperties()}, for child Maven JVMs.
 *
 * <p>The certificates are made once per JVM and shared by every stand-in: the JDK's default
 * {@code SSLContext} reads {@code javax.net.ssl.trustStore} only once, so a second trust store in
 * the same JVM would never be seen. Registry, proxy, credentials and temp dir are per instance.
 * The proxy properties are JVM-wide too: run one stand-in at a time (failsafe's default).
 */
public final class GhcrStandIn implements AutoCloseable {

  /** The host the code under test believes it talks to. */
  public static final String HOST = "ghcr.io";

  private static final List<String> PROXY_PROPERTIES = List.of("https.proxyHost", "https.proxyPort");
  private static TestCertificates sharedCertificates;

  private final Path dir;
  private final TestCertificates certificates;
  private final String username;
  private final String password;
  private final RegistryProcess registry;
  private final ConnectProxy proxy;
  private final Skopeo skopeo;
  private final RegistryApiClient api;
  private final Map<String, String> previousProxyProperties = new LinkedHashMap<>();

  private GhcrStandIn(Path dir, TestCertificates certificates, String username, String password,
      RegistryProcess registry, ConnectProxy proxy) {
    this.dir = dir;
    this.certificates = certificates;
    this.username = username;
    this.password = password;
    this.registry = registry;
    this.proxy = proxy;
    this.skopeo = Skopeo.create(dir.resolve("skopeo"), proxy.port(), certificates, username, password);
    this.api = new RegistryApiClient(proxy.host(), proxy.port(), certificates.sslContext(),
        username, password);
  }

  /**
   * Starts registry and proxy and points this JVM at them. Fails with the install command when
   * docker-registry or skopeo is missing.
   */
  public static GhcrStandIn start() {
    RequiredTools.check();
    TestCertificates certificates = certificates();
    Path dir = createTempDir();
    RegistryProcess registry = null;
    ConnectProxy proxy = null;
    GhcrStandIn standIn = null;
    try {
      String username = "stand-in-" + random(4);
      String password = random(18);
      registry = RegistryProcess.start(dir, certificates, username, password);
      proxy = ConnectProxy.start(registry.port());
      standIn = new GhcrStandIn(dir, certificates, username, password, registry, proxy);
      standIn.configureThisJvm();
      System.out.println("[ghcr-stand-in] started: registry https://127.0.0.1:" + registry.port()
          + " (as https://ghcr.io), CONNECT proxy " + proxy.host() + ":" + proxy.port()
          + ", user " + username);
      return standIn;
    } catch (RuntimeException | Error e) {
      if (standIn != null) {
        standIn.close();
        throw e;
      }
      if (proxy != null) {
        proxy.close();
      }
      if (registry != null) {
        registry.close();
      }
      deleteRecursively(dir);
      throw e;
    }
  }

  private static synchronized TestCertificates certificates() {
    if (sharedCertificates == null) {
      Path certDir = createTempDir();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(certDir)));
      sharedCertificates = TestCertificates.generate(certDir);
    }
    return sharedCertificates;
  }

  /**
   * Sets the JVM-wide trust store (first stand-in only has effect on the default SSLContext) and
   * proxy, then proves that this JVM's default TLS trusts the registry.
   */
  private void configureThisJvm() {
    jvmProperties().forEach((key, value) -> {
      if (PROXY_PROPERTIES.contains(key)) {
        previousProxyProperties.put(key, System.getProperty(key));
      }
      System.setProperty(key, value);
    });
    try (SSLSocket socket = (SSLSocket) SSLContext.getDefault().getSocketFactory()
        .createSocket("127.0.0.1", registry.port())) {
      socket.startHandshake();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("This JVM's default SSLContext does not trust the stand-in "
          + "CA: it was initialised before the stand-in set javax.net.ssl.trustStore. Start the "
          + "stand-in (the extension's beforeAll) before any TLS use in this JVM.", e);
    }
  }

  public String username() {
    return username;
  }

  public String password() {
    return password;
  }

  public String proxyHost() {
    return proxy.host();
  }

  public int proxyPort() {
    return proxy.port();
  }

  /** The registry's real loopback port; code under test must never be given it. */
  public int registryPort() {
    return registry.port();
  }

  public Path truststore() {
    return certificates.truststore();
  }

  public String truststorePassword() {
    return certificates.truststorePassword();
  }

  public String truststoreType() {
    return certificates.truststoreType();
  }

  public Path caPem() {
    return certificates.caPem();
  }

  /** {@code --cert-dir} layout holding the CA, for tools that want a directory. */
  public Path certDir() {
    return certificates.certDir();
  }

  /** A TLS context trusting the stand-in, for clients configured explicitly. */
  public SSLContext sslContext() {
    return certificates.sslContext();
  }

  /** The system properties that send a JVM's HTTPS to "ghcr.io" here, for child Maven JVMs. */
  public Map<String, String> jvmProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("https.proxyHost", proxy.host());
    properties.put("https.proxyPort", Integer.toString(proxy.port()));
    properties.put("javax.net.ssl.trustStore", certificates.truststore().toString());
    properties.put("javax.net.ssl.trustStorePassword", certificates.truststorePassword());
    properties.put("javax.net.ssl.trustStoreType", certificates.truststoreType());
    return properties;
  }

  /** {@link #jvmProperties()} as {@code -Dkey=value} words for {@code MAVEN_OPTS}. */
  public String mavenOpts() {
    return jvmProperties().entrySet().stream()
        .map(e -> "-D" + e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" "));
  }

  /** Targets the proxy was asked for, in order. */
  public List<String> proxyTargets() {
    return proxy.targets();
  }

  public List<ProxyConnection> proxyConnections() {
    return proxy.connections();
  }

  /**
   * The check every IT makes: at least one CONNECT reached the proxy, and every connection asked
   * for {@code ghcr.io:443}. Returns a one-line summary for the test log.
   */
  public String assertOnlyGhcrWasContacted() {
    List<ProxyConnection> connections = proxy.connections();
    if (connections.isEmpty()) {
      throw new AssertionError("no connection reached the ghcr.io stand-in's proxy: the client did "
          + "not use https.proxyHost/https.proxyPort (or HTTPS_PROXY)");
    }
    List<ProxyConnection> others = connections.stream()
        .filter(c -> !c.allowed() || !ConnectProxy.ALLOWED_TARGET.equals(c.target()))
        .toList();
    if (!others.isEmpty()) {
      throw new AssertionError("something other than CONNECT " + ConnectProxy.ALLOWED_TARGET
          + " was asked of the proxy: " + others);
    }
    return connections.size() + " connection(s) through the proxy, all CONNECT "
        + ConnectProxy.ALLOWED_TARGET;
  }

  /** Breaks connections from now on as {@code plan} says; {@link FaultPlan#none()} heals. */
  public void faultPlan(FaultPlan plan) {
    proxy.faultPlan(plan);
  }

  /** Requests the registry served so far, from its own access log (readiness probes left out). */
  public List<RegistryRequest> registryRequests() {
    return registry.accessLog().requests();
  }

  /** Runs skopeo against the stand-in (proxy, CA and credentials already set). */
  public ProcessResult skopeo(String... args) {
    return skopeo.run(args);
  }

  public Skopeo skopeoTool() {
    return skopeo;
  }

  /** Repository names in the registry, read over HTTPS through the proxy. */
  public List<String> catalog() {
    return api.catalog();
  }

  /** Stops proxy and registry, deletes the temp dir and restores this JVM's proxy properties. */
  @Override
  public void close() {
    proxy.close();
    registry.close();
    previousProxyProperties.forEach((key, value) -> {
      if (value == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, value);
      }
    });
    deleteRecursively(dir);
    System.out.println("[ghcr-stand-in] stopped: registry port " + registry.port()
        + ", proxy port " + proxy.port() + ", " + proxy.connections().size()
        + " proxied connection(s)");
  }

  private static Path createTempDir() {
    try {
      return Files.createTempDirectory("ghcr-stand-in-");
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the stand-in's temp dir", e);
    }
  }

  private static String random(int bytes) {
    byte[] value = new byte[bytes];
    new SecureRandom().nextBytes(value);
    return HexFormat.of().formatHex(value);
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.delete(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      System.err.println("[ghcr-stand-in] could not delete " + root + ": " + e);
    }
  }
}
