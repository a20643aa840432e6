package io.github.ghcrtools.it.standin;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * A real OCI registry (CNCF distribution, Debian's {@code docker-registry}) on a free loopback port
 * in {@code auth: token} mode, so the code under test meets a registry's real behaviour (and a real
 * verifier of every JWT and scope) rather than a mock's idea of it. It speaks plain HTTP: the
 * {@link GhcrFront} terminates TLS, and {@code http.host} makes the upload {@code Location}s it
 * writes say {@code https://ghcr.io/...}.
 */
final class RegistryProcess implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final int START_ATTEMPTS = 3;

  private final Process process;
  private final int port;
  private final Path errorLog;
  private final RegistryAccessLog accessLog;

  private RegistryProcess(Process process, int port, Path errorLog, Path accessLog) {
    this.process = process;
    this.port = port;
    this.errorLog = errorLog;
    this.accessLog = new RegistryAccessLog(accessLog);
  }

  /**
   * Starts the registry with its storage, config and logs in {@code dir}; returns once {@code GET
   * /v2/} answers 401. A port taken between probing and binding is retried. Tokens must be signed
   * by {@code signingKey}.
   */
  static RegistryProcess start(Path dir, TokenSigningKey signingKey) {
    IllegalStateException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      int port = freePort();
      RegistryProcess registry = launch(dir, signingKey, port, attempt);
      try {
        registry.awaitReady();
        return registry;
      } catch (IllegalStateException e) {
        boolean died = !registry.process.isAlive();
        registry.close();
        if (!died) {
          throw e;
        }
        last = e;
      }
    }
    throw last;
  }

  private static RegistryProcess launch(
      Path dir, TokenSigningKey signingKey, int port, int attempt) {
    try {
      Path config = dir.resolve("config.yml");
      // YAML is a superset of JSON: Jackson writes the config, distribution's YAML parser reads it.
      new ObjectMapper()
          .writerWithDefaultPrettyPrinter()
          .writeValue(config.toFile(), config(dir, signingKey, port));
      Path accessLog = dir.resolve("access-" + attempt + ".log");
      Path errorLog = dir.resolve("registry-" + attempt + ".log");
      Process process =
          new ProcessBuilder("docker-registry", "serve", config.toString())
              .directory(dir.toFile())
              .redirectOutput(accessLog.toFile())
              .redirectError(errorLog.toFile())
              .start();
      process.getOutputStream().close();
      return new RegistryProcess(process, port, errorLog, accessLog);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start docker-registry", e);
    }
  }

  private static Map<String, Object> config(Path dir, TokenSigningKey signingKey, int port) {
    byte[] secret = new byte[16];
    new SecureRandom().nextBytes(secret);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("version", "0.1");
    config.put(
        "log",
        Map.of("level", "info", "formatter", "json", "accesslog", Map.of("disabled", false)));
    config.put(
        "storage",
        Map.of(
            "filesystem", Map.of("rootdirectory", dir.resolve("storage").toString()),
            "delete", Map.of("enabled", true)));
    config.put(
        "http",
        Map.of(
            "addr", "127.0.0.1:" + port,
            "host", "https://" + GhcrStandIn.HOST,
            "secret", HexFormat.of().formatHex(secret)));
    config.put(
        "auth",
        Map.of(
            "token",
            Map.of(
                "realm", GhcrErrors.TOKEN_REALM,
                "service", GhcrStandIn.HOST,
                "issuer", TokenIssuer.ISSUER,
                "rootcertbundle", signingKey.certificatePem().toString())));
    return config;
  }

  private void awaitReady() {
    // an explicit (unused) TLS context: a client without one would initialise the JVM's default
    // SSLContext before the stand-in has set javax.net.ssl.trustStore
    HttpClient client =
        HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .sslContext(plainHttpOnly())
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    HttpRequest probe =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/"))
            .header("User-Agent", RegistryAccessLog.PROBE_USER_AGENT)
            .timeout(Duration.ofSeconds(2))
            .build();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    String lastError = "no answer";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "docker-registry exited with "
                + process.exitValue()
                + " before it was ready; its log ends with:\n"
                + errorLogTail());
      }
      try {
        int status = client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status == 401) {
          return;
        }
        lastError = "GET /v2/ answered " + status + ", expected 401 (auth is on)";
      } catch (IOException e) {
        lastError = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for docker-registry", e);
      }
      sleep(100);
    }
    throw new IllegalStateException(
        "docker-registry on port "
            + port
            + " was not ready within "
            + READY_TIMEOUT
            + " ("
            + lastError
            + "); its log ends with:\n"
            + errorLogTail());
  }

  /** A TLS context for JDK clients that speak plain HTTP only (see {@link #awaitReady()}). */
  static SSLContext plainHttpOnly() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[0], null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  int port() {
    return port;
  }

  RegistryAccessLog accessLog() {
    return accessLog;
  }

  /** The last lines of the registry's own (stderr) log, for failure messages. */
  String errorLogTail() {
    try {
      List<String> lines = Files.readAllLines(errorLog, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port for docker-registry", e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for docker-registry", e);
    }
  }
}
