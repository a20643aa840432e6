package io.github.ghcrtools.it.standin;

import static io.github.ghcrtools.it.standin.StandInFiles.random;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * "ghcr.io" on loopback, authenticating as ghcr.io does: a real registry in token mode behind a TLS
 * front ({@link GhcrFront}) that issues bearer tokens at {@code /token} and refuses Basic
 * credentials on {@code /v2/}, reached only through a CONNECT proxy that lets nothing but {@code
 * ghcr.io:443} through. Production code runs unmodified against it (no endpoint override, no
 * insecure flag); JVM proxy and trust-store properties do the redirecting, for this JVM and,
 * through {@link #jvmProperties()}, for child Maven JVMs.
 *
 * <p>The certificates are made once per JVM and shared by every stand-in: the JDK's default {@code
 * SSLContext} reads {@code javax.net.ssl.trustStore} only once, so a second trust store in the same
 * JVM would never be seen. Registry, front, proxy, users and temp dir are per instance. The proxy
 * properties are JVM-wide too: run one stand-in at a time (failsafe's default).
 */
public final class GhcrStandIn implements AutoCloseable {

  /** The host the code under test believes it talks to. */
  public static final String HOST = "ghcr.io";

  /**
   * Owners the ITs push to: the main user may pull and push under each, the read-only user pull.
   */
  public static final List<String> OWNERS =
      List.of(
          "acme",
          "acme-again",
          "acme-bad",
          "acme-broken",
          "acme-conflict",
          "acme-denied",
          "acme-helm",
          "acme-hostile",
          "acme-nocreds",
          "acme-refused",
          "acme-reset",
          "acme-secrets",
          "acme-secrets-wrong",
          "acme-signed",
          "smoke-owner");

  private static final List<String> PROXY_PROPERTIES =
      List.of("https.proxyHost", "https.proxyPort");
  private static TestCertificates sharedCertificates;

  private final Path dir;
  private final TestCertificates certificates;
  private final List<String> accounts;
  private final StandInUsers users;
  private final RegistryProcess registry;
  private final GhcrFront front;
  private final ConnectProxy proxy;
  private final Skopeo skopeo;
  private final RegistryApiClient api;
  private final Map<String, String> previousProxyProperties = new LinkedHashMap<>();

  private GhcrStandIn(
      Path dir,
      TestCertificates certificates,
      List<String> accounts,
      StandInUsers users,
      RegistryProcess registry,
      GhcrFront front,
      ConnectProxy proxy) {
    this.dir = dir;
    this.certificates = certificates;
    this.accounts = accounts;
    this.users = users;
    this.registry = registry;
    this.front = front;
    this.proxy = proxy;
    this.skopeo =
        Skopeo.create(dir.resolve("skopeo"), proxy.port(), certificates, username(), password());
    this.api =
        new RegistryApiClient(
            proxy.host(), proxy.port(), certificates.sslContext(), username(), password());
  }

  /**
   * Starts registry, front and proxy and points this JVM at them. Fails with the install command
   * when docker-registry or skopeo is missing.
   */
  public static GhcrStandIn start() {
    RequiredTools.check();
    TestCertificates certificates = sharedCertificates();
    Path dir = StandInFiles.createTempDir();
    List<AutoCloseable> started = new ArrayList<>();
    try {
      List<String> accounts =
          List.of("stand-in-" + random(4), random(18), "stand-in-reader-" + random(4), random(18));
      StandInUsers users = new StandInUsers();
      users.add(
          accounts.get(0),
          accounts.get(1),
          List.of(Grant.owners(OWNERS, "pull", "push"), Grant.catalog()));
      users.add(accounts.get(2), accounts.get(3), List.of(Grant.owners(OWNERS, "pull")));
      TokenSigningKey signingKey = TokenSigningKey.generate(dir);
      RegistryProcess registry = RegistryProcess.start(dir, signingKey);
      started.add(0, registry);
      GhcrFront front =
          GhcrFront.start(
              dir, certificates, users, new TokenIssuer(signingKey, users), registry.port());
      started.add(0, front);
      ConnectProxy proxy = ConnectProxy.start(front.port());
      started.add(0, proxy);
      GhcrStandIn standIn =
          new GhcrStandIn(dir, certificates, accounts, users, registry, front, proxy);
      started.clear();
      started.add(standIn);
      standIn.configureThisJvm();
      System.out.println(
          "[ghcr-stand-in] started: registry http://127.0.0.1:"
              + registry.port()
              + " (token auth), front https://127.0.0.1:"
              + front.port()
              + " (as https://ghcr.io), "
              + "CONNECT proxy "
              + proxy.host()
              + ":"
              + proxy.port()
              + ", user "
              + accounts.get(0));
      return standIn;
    } catch (RuntimeException | Error e) {
      for (AutoCloseable part : started) {
        try {
          part.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      StandInFiles.deleteRecursively(dir);
      throw e;
    }
  }

  /**
   * The test CA and {@code ghcr.io} certificate of this JVM, made on first use. Other loopback
   * stand-ins (the Sigstore one) serve the same certificate, so one trust store serves them all.
   */
  public static synchronized TestCertificates sharedCertificates() {
    if (sharedCertificates == null) {
      Path certDir = StandInFiles.createTempDir();
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> StandInFiles.deleteRecursively(certDir)));
      sharedCertificates = TestCertificates.generate(certDir);
    }
    return sharedCertificates;
  }

  /**
   * Sets the JVM-wide trust store (first stand-in only has effect on the default SSLContext) and
   * proxy, then proves that this JVM's default TLS trusts the front.
   */
  private void configureThisJvm() {
    jvmProperties()
        .forEach(
            (key, value) -> {
              if (PROXY_PROPERTIES.contains(key)) {
                previousProxyProperties.put(key, System.getProperty(key));
              }
              System.setProperty(key, value);
            });
    try (SSLSocket socket =
        (SSLSocket)
            SSLContext.getDefault().getSocketFactory().createSocket("127.0.0.1", front.port())) {
      socket.startHandshake();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(
          "This JVM's default SSLContext does not trust the stand-in "
              + "CA: it was initialised before the stand-in set javax.net.ssl.trustStore. Start the "
              + "stand-in (the extension's beforeAll) before any TLS use in this JVM.",
          e);
    }
  }

  /** The main user: pull and push under {@link #OWNERS}, and the catalog. */
  public String username() {
    return accounts.get(0);
  }

  public String password() {
    return accounts.get(1);
  }

  /** A user who may pull under {@link #OWNERS}, never push. */
  public String readOnlyUsername() {
    return accounts.get(2);
  }

  public String readOnlyPassword() {
    return accounts.get(3);
  }

  /** Adds (or replaces) a user of {@code /token} with what it may do. */
  public void addUser(String user, String password, Grant... grants) {
    users.add(user, password, List.of(grants));
  }

  public String proxyHost() {
    return proxy.host();
  }

  public int proxyPort() {
    return proxy.port();
  }

  /**
   * The registry's real loopback port (plain HTTP, bearer tokens only); code under test must never
   * be given it, and tests reach the registry through the front ({@link #registryApi()}).
   */
  public int registryPort() {
    return registry.port();
  }

  /** Lifetime of the tokens {@code /token} issues from now on (default 60 s, whole seconds). */
  public void tokenLifetime(Duration lifetime) {
    front.tokenLifetime(lifetime);
  }

  /** How {@code /v2/} refuses Basic credentials from now on: 403 (default) or 401. */
  public void basicRefusalStatus(int status) {
    front.basicRefusalStatus(status);
  }

  /** Answers requests as {@code plan} says from now on; {@link HttpFaultPlan#none()} heals. */
  public void httpFaults(HttpFaultPlan plan) {
    front.faults(plan);
  }

  /** How often each rule of the current HTTP fault plan fired, by rule description. */
  public Map<String, Integer> httpFaultsFired() {
    return front.faults().firedByRule();
  }

  /** Requests the front answered so far, oldest first: method, path, status, auth kind. */
  public List<FrontRequest> frontRequests() {
    return front.requests();
  }

  /** Requests to {@code https://ghcr.io/token} so far. */
  public long tokenRequestCount() {
    return front.requests().stream().filter(FrontRequest::isToken).count();
  }

  /** {@code /v2/} requests that carried Basic credentials so far (ghcr.io refuses each). */
  public long basicV2RequestCount() {
    return front.requests().stream()
        .filter(r -> r.isV2() && FrontRequest.BASIC.equals(r.auth()))
        .count();
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
    properties.putAll(certificates.trustStoreProperties());
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
      throw new AssertionError(
          "no connection reached the ghcr.io stand-in's proxy: the client did "
              + "not use https.proxyHost/https.proxyPort (or HTTPS_PROXY)");
    }
    List<ProxyConnection> others =
        connections.stream()
            .filter(c -> !c.allowed() || !ConnectProxy.ALLOWED_TARGET.equals(c.target()))
            .toList();
    if (!others.isEmpty()) {
      throw new AssertionError(
          "something other than CONNECT "
              + ConnectProxy.ALLOWED_TARGET
              + " was asked of the proxy: "
              + others);
    }
    return connections.size()
        + " connection(s) through the proxy, all CONNECT "
        + ConnectProxy.ALLOWED_TARGET;
  }

  /**
   * The check of every IT that runs the plugins: no {@code /v2/} request carried Basic credentials
   * (ghcr.io refuses them; only {@code /token} may see them).
   */
  public void assertNoBasicCredentialsOnV2() {
    long basic = basicV2RequestCount();
    if (basic != 0) {
      throw new AssertionError(
          basic
              + " request(s) to /v2/ carried Basic credentials, which ghcr.io refuses: "
              + frontRequests().stream().filter(r -> r.auth().equals(FrontRequest.BASIC)).toList());
    }
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

  /** The tests' client of "ghcr.io" (token flow, main user), for registry reads Skopeo lacks. */
  public RegistryApiClient registryApi() {
    return api;
  }

  /** Repository names in the registry, read through proxy and front with a bearer token. */
  public List<String> catalog() {
    return api.catalog();
  }

  /**
   * What the stand-in holds and has seen so far (its catalog, read now, and the counts of registry
   * requests and proxy connections), to check later that a run reached none of it.
   */
  public Untouched untouched() {
    List<String> now = catalog();
    return new Untouched(this, now, registryRequests().size(), proxyConnections().size());
  }

  /** A mark from {@link #untouched()}. */
  public record Untouched(
      GhcrStandIn standIn, List<String> catalog, int registryRequests, int proxyConnections) {

    /**
     * @param who what ran since the mark, for the messages ("a pull request")
     * @throws AssertionError when it reached the proxy or the registry, or the catalog changed
     */
    public void assertStill(String who) {
      if (standIn.proxyConnections().size() != proxyConnections) {
        throw new AssertionError(who + " reached the proxy: " + standIn.proxyConnections());
      }
      if (standIn.registryRequests().size() != registryRequests) {
        throw new AssertionError(who + " reached the registry: " + standIn.registryRequests());
      }
      List<String> after = standIn.catalog();
      if (!after.equals(catalog)) {
        throw new AssertionError("catalog after " + who + ": " + after + ", before: " + catalog);
      }
    }
  }

  /** Stops proxy, front and registry, deletes the temp dir and restores the proxy properties. */
  @Override
  public void close() {
    proxy.close();
    front.close();
    registry.close();
    previousProxyProperties.forEach(
        (key, value) -> {
          if (value == null) {
            System.clearProperty(key);
          } else {
            System.setProperty(key, value);
          }
        });
    StandInFiles.deleteRecursively(dir);
    System.out.println(
        "[ghcr-stand-in] stopped: registry port "
            + registry.port()
            + ", proxy port "
            + proxy.port()
            + ", "
            + proxy.connections().size()
            + " proxied connection(s)");
  }
}
