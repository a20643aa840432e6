package io.github.ghcrtools.it.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.it.maven.GitHubEnv;
import io.github.ghcrtools.it.maven.MavenResult;
import io.github.ghcrtools.it.maven.MavenRun;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import io.github.ghcrtools.it.standin.GhcrStandInExtension;
import io.github.ghcrtools.it.standin.RegistryRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The secret-scan gate on real builds that would otherwise publish (a trusted tag push with valid
 * credentials): a GitHub token in a resource, a private key in a resource, a filtered resource that
 * captured the registry token from the environment, a chart whose directory links to a file outside
 * it, and a token in a chart template. Each must fail the build with a message naming the file, the
 * rule and the fingerprint, before any network call (not one CONNECT at the proxy, no registry
 * request), leave the registry exactly as it was, and show neither the secret nor the registry
 * token anywhere in the build output. A pull-request build is refused the same way, and {@code
 * -Dghcr.secretScan=warn} ships with a masked warning.
 *
 * <p>The secrets are random per run and put together at run time, so no secret scanner takes this
 * source for a leak. The registry is seeded with one image and one chart first, so that "unchanged"
 * is about real content.
 */
class SecretScanIT {

  @RegisterExtension static final GhcrStandInExtension GHCR = new GhcrStandInExtension();

  private static final String IMAGE_PATH = "secret-scan/app";
  private static final String WARN_IMAGE_PATH = "secret-scan/warned";
  private static final String CHART_OWNER = GitHubEnv.OWNER;
  private static final String RESOURCE = "src/main/resources/application.properties";
  private static final SecureRandom RANDOM = new SecureRandom();

  private static BadInputCases.Samples samples;
  private static long started;

  @BeforeAll
  static void seedTheRegistry() {
    started = System.nanoTime();
    samples = BadInputCases.Samples.create();
    for (MavenRun run : List.of(imageDeploy(samples.image()), chartDeploy(samples.chart()))) {
      MavenResult result = run.run();
      assertTrue(result.succeeded(), "seeding the registry: " + result.describe());
    }
    reset(samples.image());
    reset(samples.chart());
  }

  @AfterAll
  static void report() {
    System.out.printf("[secret-scan] 7 cases in %.1f s%n", (System.nanoTime() - started) / 1e9);
  }

  @AfterEach
  void onlyGhcrWasContacted() {
    System.out.println("[secret-scan] " + GHCR.standIn().assertOnlyGhcrWasContacted());
  }

  @Test
  void aGitHubTokenInAResourceIsRefusedBeforeAnyConnection() {
    SampleSandbox image = samples.image();
    String token = "gh" + "p_" + base62(36);
    image.write(RESOURCE, "greeting.style=plain\ngithub.token=" + token + "\n");

    refusedBeforeAnyNetwork(
        image,
        imageDeploy(image),
        List.of(token),
        "Secret scan: image ghcr.io/acme/" + IMAGE_PATH + " would ship a secret; nothing was sent.",
        "/app/resources/application.properties:2  github-token  ghp_...  " + fingerprint(token),
        "Remove each secret from the file",
        "-Dghcr.secretScanAllowlist=" + fingerprint(token));
  }

  @Test
  void aPrivateKeyInAResourceIsRefusedWithTheFingerprintOfTheWholeKey() {
    SampleSandbox image = samples.image();
    StringBuilder body = new StringBuilder();
    StringBuilder pem = new StringBuilder("# the service's key\n-----BEGIN RSA PRIVATE KEY-----\n");
    for (int i = 0; i < 8; i++) {
      String line = (i == 0 ? "MIIE" : "") + base64(i == 0 ? 60 : 64);
      body.append(line);
      pem.append(line).append('\n');
    }
    pem.append("-----END RSA PRIVATE KEY-----\n");
    image.write("src/main/resources/keys/service.pem", pem.toString());

    refusedBeforeAnyNetwork(
        image,
        imageDeploy(image),
        pem.toString().lines().filter(l -> !l.startsWith("-") && !l.startsWith("#")).toList(),
        "/app/resources/keys/service.pem:2  private-key  MIIE...  " + fingerprint(body.toString()));
  }

  @Test
  void aFilteredResourceThatCapturedTheRegistryTokenIsRefusedWithoutShowingIt() {
    SampleSandbox image = samples.image();
    String password = GHCR.standIn().password();
    image.edit(
        "pom.xml",
        "<build>\n",
        "<build>\n    <resources>\n      <resource>\n        <directory>src/main/resources</directory>\n"
            + "        <filtering>true</filtering>\n      </resource>\n    </resources>\n");
    image.write(RESOURCE, "registry.user=${env.GHCR_USERNAME}\nregistry.token=${env.GHCR_TOKEN}\n");

    refusedBeforeAnyNetwork(
        image,
        imageDeploy(image),
        List.of(password),
        "/app/resources/application.properties:2  known-secret (env GHCR_TOKEN",
        fingerprint(password),
        "A filtered resource (<filtering>true</filtering>) copies ${env.*} values",
        "The token of this build is never allowlisted.");
  }

  @Test
  void aPullRequestBuildIsRefusedToo() {
    SampleSandbox image = samples.image();
    String token = "gh" + "s_" + base62(36);
    image.write(RESOURCE, "github.token=" + token + "\n");

    refusedBeforeAnyNetwork(
        image,
        MavenRun.of(image.project())
            .goals("deploy")
            .env(GitHubEnv.pullRequest(image.project()))
            .property("ghcr.image", IMAGE_PATH)
            .mavenOpts(GHCR.standIn().mavenOpts() + " -XX:TieredStopAtLevel=1"),
        List.of(token),
        "/app/resources/application.properties:1  github-token  ghs_...  " + fingerprint(token));
  }

  @Test
  void aChartLinkToAFileOutsideTheChartIsRefusedNamingTheLinkAndItsTarget() throws IOException {
    SampleSandbox chart = samples.chart();
    Path outside =
        chart.directory().resolveSibling(chart.directory().getFileName() + "-outside.yaml");
    Files.writeString(outside, "kind: ConfigMap\n");
    Path link = chart.resolve("src/main/helm/pytoya/templates/shared.yaml");
    Files.createSymbolicLink(link, outside);
    try {
      refusedBeforeAnyNetwork(
          chart,
          chartDeploy(chart),
          List.of(GHCR.standIn().password()),
          "Chart directory src/main/helm/pytoya: templates/shared.yaml is a symbolic link to "
              + outside.toRealPath()
              + ", outside that directory",
          "Copy the file into the directory instead of linking to it, or remove the link.");
    } finally {
      Files.deleteIfExists(link);
      Files.deleteIfExists(outside);
    }
  }

  @Test
  void aTokenInAChartTemplateIsRefusedAtItsPathInThePackage() {
    SampleSandbox chart = samples.chart();
    String token = "gh" + "p_" + base62(40);
    chart.write(
        "src/main/helm/pytoya/templates/secret.yaml",
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: pull\nstringData:\n  token: "
            + token
            + "\n");

    refusedBeforeAnyNetwork(
        chart,
        chartDeploy(chart),
        List.of(token),
        "Secret scan: chart pytoya would ship a secret; nothing was sent.",
        "pytoya/templates/secret.yaml:6  github-token  ghp_...  " + fingerprint(token),
        "-Dhelm-oci.secretScanAllowlist=" + fingerprint(token));
  }

  @Test
  void warnModeShipsTheImageWithAMaskedWarning() {
    GhcrStandIn standIn = GHCR.standIn();
    SampleSandbox image = samples.image();
    RegistryWalk registry = new RegistryWalk(standIn);
    String token = "gh" + "p_" + base62(36);
    image.write(RESOURCE, "github.token=" + token + "\n");
    Map<String, Map<String, String>> before = registry.tagDigests();

    MavenResult result;
    try {
      // a repository of its own: the seeded one holds 1.2.3 with other content (a tag conflict)
      result =
          imageDeploy(image)
              .property("ghcr.image", WARN_IMAGE_PATH)
              .property("ghcr.secretScan", "warn")
              .run();
    } finally {
      reset(image);
    }

    assertTrue(result.succeeded(), result.describe());
    assertTrue(
        result
            .log()
            .contains(
                "[WARNING] Secret scan of image ghcr.io/acme/"
                    + WARN_IMAGE_PATH
                    + " (secretScan=warn, shipping it anyway):"
                    + " /app/resources/application.properties:1  github-token  ghp_...  "
                    + fingerprint(token)),
        result.describe());
    assertFalse(result.log().contains(token), "the build log shows the token");
    assertFalse(result.log().contains(standIn.password()), "the build log shows the password");
    assertNotEquals(before, registry.tagDigests(), "warn mode should have pushed the image");
  }

  /**
   * Runs a build that must be refused: exit status 1, every fragment in the output, none of the
   * secrets anywhere in it, no connection to the proxy, no registry request, the registry as it
   * was.
   */
  private static void refusedBeforeAnyNetwork(
      SampleSandbox sandbox, MavenRun run, List<String> secrets, String... fragments) {
    GhcrStandIn standIn = GHCR.standIn();
    RegistryWalk registry = new RegistryWalk(standIn);
    Map<String, Map<String, String>> before = registry.tagDigests();
    int connectionsBefore = standIn.proxyConnections().size();
    int requestsBefore = standIn.registryRequests().size();

    MavenResult result;
    try {
      result = run.run();
      assertFalse(
          Files.exists(sandbox.resolve("target/ghcr-publish/records")),
          "a publish record was written");
    } finally {
      reset(sandbox);
    }

    int connections = standIn.proxyConnections().size() - connectionsBefore;
    List<RegistryRequest> all = standIn.registryRequests();
    List<RegistryRequest> requests =
        List.copyOf(all.subList(Math.min(requestsBefore, all.size()), all.size()));
    assertEquals(1, result.exitCode(), result.describe());
    for (String fragment : fragments) {
      assertTrue(result.log().contains(fragment), "no '" + fragment + "' in:\n" + result.log());
    }
    for (String secret : secrets) {
      assertFalse(result.log().contains(secret), "the build output shows a secret");
    }
    assertFalse(result.log().contains(standIn.password()), "the build output shows the token");
    assertEquals(0, connections, "refused before any network call, yet the proxy saw connections");
    assertEquals(List.of(), requests, "refused before any network call, yet the registry saw some");
    assertEquals(before, registry.tagDigests(), "the registry changed");
    System.out.println(
        "[secret-scan] "
            + result
                .log()
                .lines()
                .filter(l -> l.startsWith("[ERROR] Failed to execute goal"))
                .findFirst()
                .map(
                    l ->
                        l.replaceFirst(
                            "^\\[ERROR\\] Failed to execute goal \\S+ \\(\\S+\\) on project \\S+: ",
                            ""))
                .orElse("(no goal failure line)"));
  }

  /** A trusted tag push of the image sample, with the stand-in's credentials. */
  private static MavenRun imageDeploy(SampleSandbox image) {
    return new BadInputCases.Context(GHCR.standIn(), image)
        .imagePush(env -> {})
        .property("ghcr.image", IMAGE_PATH);
  }

  /** A trusted tag push of the chart sample, with the stand-in's credentials. */
  private static MavenRun chartDeploy(SampleSandbox chart) {
    return new BadInputCases.Context(GHCR.standIn(), chart)
        .chartPush(env -> {})
        .property("helm-oci.owner", CHART_OWNER);
  }

  /**
   * The sample as it was, and its compiled resources gone too: maven-resources-plugin leaves a
   * resource a case added in {@code target/classes} after the source is removed.
   */
  private static void reset(SampleSandbox sandbox) {
    sandbox.reset();
    Path classes = sandbox.resolve("target/classes");
    if (!Files.exists(classes)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(classes)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** As the scan shows it: {@code sha256:} and the first 12 hex digits of the secret's SHA-256. */
  private static String fingerprint(String secret) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String base62(int length) {
    return random("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", length);
  }

  private static String base64(int length) {
    return random("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", length);
  }

  private static String random(String alphabet, int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return text.toString();
  }
}
