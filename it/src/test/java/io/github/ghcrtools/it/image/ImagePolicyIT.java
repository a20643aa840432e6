package io.github.ghcrtools.it.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.it.maven.GitHubEnv;
import io.github.ghcrtools.it.maven.MavenResult;
import io.github.ghcrtools.it.maven.MavenRun;
import io.github.ghcrtools.it.maven.SecretScan;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import io.github.ghcrtools.it.standin.GhcrStandInExtension;
import io.github.ghcrtools.it.standin.RegistryRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each policy refusal through a real {@code mvn deploy} on a trusted tag push, where everything
 * else would publish: the build fails with a message naming the parameter (or file, or variable)
 * and the fix, and nothing lands in the registry. All but the wrong token are refused before any
 * network call, so those runs must not even reach the proxy.
 */
class ImagePolicyIT {

  @RegisterExtension static final GhcrStandInExtension GHCR = new GhcrStandInExtension();

  private static final String WRONG_TOKEN = "ghp_wrongTokenForTheStandIn0123456789";

  /**
   * @param name the case, also the image name suffix
   * @param run the Maven run of a fresh copy, set up to break one rule
   * @param expected fragments of the [ERROR] message
   * @param reachesRegistry true only for the wrong token, which the registry must see to refuse
   */
  record Refusal(
      String name,
      BiFunction<ImageApp, GhcrStandIn, MavenRun> run,
      List<String> expected,
      boolean reachesRegistry) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Refusal> refusals() {
    return Stream.of(
        new Refusal(
            "docker-hub-base",
            (app, s) ->
                push(app, s).property("ghcr.baseImage", "docker.io/library/eclipse-temurin:17-jre"),
            List.of(
                "Parameter 'baseImage'",
                "registry 'docker.io' is not allowed, not even for pulls",
                "Keep a copy of the base image in ghcr.io"),
            false),
        new Refusal(
            "jib-insecure-property",
            (app, s) -> push(app, s).property("jib.allowInsecureRegistries", "true"),
            List.of(
                "Property 'jib.allowInsecureRegistries' is set to 'true'",
                "insecure registry access is refused",
                "remove it from the command line"),
            false),
        new Refusal(
            "ghcr-insecure-parameter",
            (app, s) -> push(app, s).property("ghcr.allowInsecureRegistries", "true"),
            List.of("Parameter 'allowInsecureRegistries' is true", "remove it or set it to false"),
            false),
        new Refusal(
            "uppercase-owner",
            (app, s) -> {
              app.configure("<owner>Acme</owner>");
              return push(app, s);
            },
            List.of("Parameter 'owner'", "owner 'Acme' has uppercase letters", "write 'acme'"),
            false),
        new Refusal(
            "missing-credentials",
            (app, s) ->
                app.maven(s, "deploy")
                    .env(GitHubEnv.tagPush(app.project(), "v" + ImageApp.VERSION))
                    // the JVM's user.home is the real one: point Docker's and Helm's configs away
                    // from it
                    .env("DOCKER_CONFIG", app.directory().resolve("no-docker-config").toString())
                    .env(
                        "HELM_REGISTRY_CONFIG",
                        app.directory().resolve("no-helm-config.json").toString()),
            List.of("No credentials for ghcr.io", "GHCR_TOKEN", "settings.xml", "packages: write"),
            false),
        new Refusal(
            "malformed-tag",
            (app, s) -> push(app, s).property("ghcr.tags", "bad tag!"),
            List.of("Parameter 'tags'", "tag 'bad tag!' is invalid"),
            false),
        new Refusal(
            "missing-main-class",
            (app, s) -> {
              app.edit(
                  "pom.xml",
                  "<archive><manifest><mainClass>hello.Main</mainClass></manifest></archive>",
                  "");
              return push(app, s);
            },
            List.of("No main class for the image", "<mainClass>", "Main-Class"),
            false),
        new Refusal(
            "hostile-registries-conf",
            (app, s) ->
                push(app, s)
                    .env("CONTAINERS_REGISTRIES_CONF", hostileRegistriesConf(app).toString()),
            List.of("hostile-registries.conf", "rewrites ghcr.io to 'registry.evil.example'"),
            false),
        new Refusal(
            "wrong-token",
            (app, s) ->
                app.maven(s, "deploy")
                    .env(GitHubEnv.tagPush(app.project(), "v" + ImageApp.VERSION))
                    .env(GitHubEnv.credentials(s.username(), WRONG_TOKEN))
                    .arg("-X"),
            List.of(
                "ghcr.io refused the credentials of user '",
                "(from env GHCR_TOKEN) at its token service",
                "wrong, expired or revoked",
                "write:packages"),
            true));
  }

  @AfterEach
  void onlyGhcrWasContacted() {
    System.out.println("[image-policy] " + GHCR.standIn().assertOnlyGhcrWasContacted());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void aTrustedPushIsRefusedAndNothingIsPushed(Refusal refusal) throws IOException {
    GhcrStandIn standIn = GHCR.standIn();
    RegistryView registry = new RegistryView(standIn);
    ImageApp app = ImageApp.copy("policy-" + refusal.name());
    MavenRun run = refusal.run().apply(app, standIn);
    List<String> catalogBefore = standIn.catalog();
    int connectionsBefore = standIn.proxyConnections().size();
    int requestsBefore = standIn.registryRequests().size();
    int frontBefore = standIn.frontRequests().size();

    MavenResult result = run.run();

    int connections = standIn.proxyConnections().size() - connectionsBefore;
    List<RegistryRequest> requests = registry.requestsSince(requestsBefore);
    assertNotEquals(0, result.exitCode(), result.describe());
    String errors = ImageApp.errorLines(result);
    for (String fragment : refusal.expected()) {
      assertTrue(errors.contains(fragment), "no '" + fragment + "' in the error:\n" + errors);
    }
    if (refusal.reachesRegistry()) {
      // ghcr.io's token service refuses it: no token, so the registry itself sees nothing
      var front = standIn.frontRequests().subList(frontBefore, standIn.frontRequests().size());
      assertTrue(
          front.stream().anyMatch(r -> r.path().equals("/token") && r.status() == 401),
          "the wrong token never reached ghcr.io's token service: " + front);
      assertEquals(List.of(), requests, "refused credentials still reached the registry");
      assertTrue(
          result.log().contains(SecretScan.PLUGIN_DEBUG), "the run was not in debug mode (-X)");
      List<String> leaks =
          SecretScan.findings(result, app.directory(), standIn.username(), WRONG_TOKEN);
      assertEquals(
          List.of(),
          leaks,
          "the token leaked (mvn -X) into these; scanned "
              + SecretScan.fileCount(result, app.directory())
              + " files");
    } else {
      assertEquals(
          0, connections, "refused before any network call, yet the proxy saw a connection");
      assertEquals(
          List.of(), requests, "refused before any network call, yet the registry saw requests");
    }
    assertEquals(catalogBefore, standIn.catalog(), "catalog after a refused push");
    assertFalse(Files.exists(app.publishRecordFile()), "a publish record for a refused push");
    assertFalse(
        Files.exists(GitHubEnv.outputFile(app.project())),
        "GITHUB_OUTPUT written by a refused push");
  }

  /** A registries.conf that sends ghcr.io traffic elsewhere, as a compromised runner might have. */
  private static Path hostileRegistriesConf(ImageApp app) {
    Path file = app.directory().resolve("hostile-registries.conf");
    try {
      Files.writeString(
          file,
          """
          [[registry]]
          prefix = "ghcr.io"
          location = "registry.evil.example"
          """);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private static MavenRun push(ImageApp app, GhcrStandIn standIn) {
    return app.tagPush(standIn, ImageApp.VERSION, "deploy");
  }
}
