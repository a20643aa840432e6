package io.github.ghcrtools.it.sigstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.it.maven.CycloneDxValidator;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import io.github.ghcrtools.it.standin.StandInFiles;
import io.github.ghcrtools.it.standin.TestCertificates;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Sigstore on loopback for the tests ({@code it/src/test/node/sigstore-standin.mjs}): GitHub
 * Actions' ID-token endpoint, Fulcio (gRPC over TLS), Rekor v1 and v2 and a timestamp authority,
 * with throw-away keys, described by a trusted root and a signing config (Sigstore's own JSON
 * formats, the files the push goals' {@code sigstoreTrustedRoot}/{@code sigstoreSigningConfig}
 * take).
 *
 * <p>It serves the {@link GhcrStandIn#sharedCertificates() certificate of the ghcr.io stand-in}
 * (SAN {@code 127.0.0.1}, same test CA), so the trust store a Maven run already gets trusts both.
 * The proxy a Maven run gets is never asked for it: the JDK's default {@code ProxySelector} goes
 * DIRECT to loopback, and a missed endpoint override would go to the proxy, which refuses anything
 * but {@code ghcr.io:443}. Each instance has its own process, port and temp folder; the Node tools
 * come from the fork's own folder ({@code it.nodeDir}), so failsafe forks side by side are safe.
 *
 * <p>A job of a run asks for its ID token with {@link #env(Map)}; the token's claims come from that
 * run's {@code GitHubEnv} variables, so the certificate identity is {@link #identity(Map)}.
 */
public final class SigstoreStandIn implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration START_TIMEOUT = Duration.ofMinutes(1);
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);
  private static final String EOF = "\u0000eof";
  private static final List<String> PROXY_VARIABLES =
      List.of("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy");

  private final Path dir;
  private final Process process;
  private final BlockingQueue<String> lines;
  private final JsonNode ready;
  private List<SigstoreRequest> finalRequests;

  private SigstoreStandIn(Path dir, Process process, BlockingQueue<String> lines, JsonNode ready) {
    this.dir = dir;
    this.process = process;
    this.lines = lines;
    this.ready = ready;
  }

  /**
   * Starts the stand-in (installing the pinned Node tools on first use) and makes this JVM trust
   * it, for tests that sign in-process.
   *
   * @throws IllegalStateException when Node is missing or the stand-in does not start
   */
  public static SigstoreStandIn start() {
    Path nodeHome = CycloneDxValidator.install();
    TestCertificates tls = GhcrStandIn.sharedCertificates();
    tls.trustStoreProperties().forEach(System::setProperty);
    Path dir = StandInFiles.createTempDir("sigstore-stand-in-");
    Process process = null;
    try {
      ProcessBuilder builder =
          new ProcessBuilder(
                  "node",
                  "sigstore-standin.mjs",
                  "--tls-cert",
                  tls.serverCertificate().toString(),
                  "--tls-key",
                  tls.serverKey().toString(),
                  "--dir",
                  dir.resolve("standin").toString())
              .directory(nodeHome.toFile())
              .redirectError(dir.resolve("standin.err").toFile());
      PROXY_VARIABLES.forEach(builder.environment()::remove);
      process = builder.start();
      BlockingQueue<String> lines = readLines(process);
      String line = lines.poll(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (line == null || line.equals(EOF)) {
        throw new IllegalStateException(
            "the Sigstore stand-in did not start within "
                + START_TIMEOUT.toSeconds()
                + " s:\n"
                + Files.readString(dir.resolve("standin.err")));
      }
      SigstoreStandIn standIn = new SigstoreStandIn(dir, process, lines, JSON.readTree(line));
      System.out.println("[sigstore-stand-in] started: " + standIn.url());
      return standIn;
    } catch (IOException | InterruptedException | RuntimeException e) {
      if (process != null) {
        process.destroyForcibly();
      }
      StandInFiles.deleteRecursively(dir);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw e instanceof RuntimeException r
          ? r
          : new IllegalStateException("could not start the Sigstore stand-in", e);
    }
  }

  /** Stdout lines of the stand-in, read by a daemon thread; {@link #EOF} when it closes. */
  private static BlockingQueue<String> readLines(Process process) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // the process is gone: EOF below
              }
              lines.add(EOF);
            },
            "sigstore-stand-in-stdout");
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  /**
   * The variables a GitHub Actions job with {@code permissions: id-token: write} gets, {@code
   * ACTIONS_ID_TOKEN_REQUEST_URL} and {@code ACTIONS_ID_TOKEN_REQUEST_TOKEN}, for a job of the run
   * {@code githubEnv}: the ID tokens it gets carry that run's repository, ref and workflow, as
   * GitHub's do. Add both maps to a Maven run.
   *
   * @param githubEnv a scenario of {@code GitHubEnv} ({@code GITHUB_REPOSITORY}, {@code
   *     GITHUB_REF}, {@code GITHUB_WORKFLOW_REF} at least)
   */
  public synchronized Map<String, String> env(Map<String, String> githubEnv) {
    Map<String, String> claims = WorkflowClaims.of(githubEnv);
    JsonNode answer;
    try {
      OutputStream in = process.getOutputStream();
      in.write(
          (JSON.writeValueAsString(Map.of("claims", claims)) + "\n")
              .getBytes(StandardCharsets.UTF_8));
      in.flush();
      String line = lines.poll(ANSWER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (line == null || line.equals(EOF)) {
        throw new IllegalStateException("the Sigstore stand-in did not answer: " + stderr());
      }
      answer = JSON.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException("could not add a job to the Sigstore stand-in", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (!answer.path("requestToken").isTextual()) {
      throw new IllegalStateException("the Sigstore stand-in refused the job: " + answer);
    }
    Map<String, String> env = new LinkedHashMap<>();
    env.put("ACTIONS_ID_TOKEN_REQUEST_URL", ready.path("tokenRequestUrl").asText());
    env.put("ACTIONS_ID_TOKEN_REQUEST_TOKEN", answer.path("requestToken").asText());
    return env;
  }

  /**
   * The identity (SAN) of the certificates issued to a job of the run {@code githubEnv}: {@code
   * https://github.com/<GITHUB_WORKFLOW_REF>}, as real Fulcio makes it.
   */
  public String identity(Map<String, String> githubEnv) {
    return WorkflowClaims.identity(githubEnv);
  }

  /** The OIDC issuer in every certificate: GitHub Actions' ({@code ready.issuer}). */
  public String issuer() {
    return ready.path("issuer").asText();
  }

  /** Sigstore signing config v0.2 JSON naming this stand-in's Fulcio, Rekor v1/v2, TSA, OIDC. */
  public Path signingConfig() {
    return Path.of(ready.path("signingConfig").asText());
  }

  /** Sigstore trusted root JSON with this stand-in's CA, CT log, Rekor and TSA keys. */
  public Path trustedRoot() {
    return Path.of(ready.path("trustedRoot").asText());
  }

  /**
   * The user properties that point a push goal at this stand-in, {@code
   * <prefix>.sigstore.signingConfig} and {@code <prefix>.sigstore.trustedRoot}.
   *
   * @param prefix {@code ghcr} or {@code helm-oci}
   */
  public Map<String, String> mavenProperties(String prefix) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(prefix + ".sigstore.signingConfig", signingConfig().toString());
    properties.put(prefix + ".sigstore.trustedRoot", trustedRoot().toString());
    return properties;
  }

  /** {@code https://127.0.0.1:<port>}, every service's base. */
  public URI url() {
    return URI.create(ready.path("url").asText());
  }

  /** The requests answered so far (live), or all of them once closed; oldest first. */
  public synchronized List<SigstoreRequest> requests() {
    if (finalRequests != null) {
      return finalRequests;
    }
    try {
      List<SigstoreRequest> requests = new ArrayList<>();
      for (String line : Files.readAllLines(dir.resolve("standin").resolve("requests.log"))) {
        if (!line.isBlank()) {
          requests.add(SigstoreRequest.parse(line));
        }
      }
      return List.copyOf(requests);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the Sigstore stand-in's request log", e);
    }
  }

  /** The requests of {@link #requests()} to {@code path}. */
  public List<SigstoreRequest> requests(String path) {
    return requests().stream().filter(r -> r.path().equals(path)).toList();
  }

  private String stderr() {
    try {
      return Files.readString(dir.resolve("standin.err"));
    } catch (IOException e) {
      return "(no stderr: " + e + ")";
    }
  }

  /** Stops the process (it exits when its stdin closes), keeps the request log, deletes files. */
  @Override
  public synchronized void close() {
    if (finalRequests != null) {
      return;
    }
    try {
      process.getOutputStream().close();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    finalRequests = requests();
    String errors = stderr();
    StandInFiles.deleteRecursively(dir);
    System.out.println(
        "[sigstore-stand-in] stopped: "
            + finalRequests.size()
            + " request(s)"
            + (errors.isBlank() ? "" : ", stderr:\n" + errors));
  }
}
