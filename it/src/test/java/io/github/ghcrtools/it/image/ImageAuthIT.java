package io.github.ghcrtools.it.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.it.maven.GitHubEnv;
import io.github.ghcrtools.it.maven.MavenResult;
import io.github.ghcrtools.it.maven.RandomFiles;
import io.github.ghcrtools.it.standin.FrontRequest;
import io.github.ghcrtools.it.standin.FrontRequests;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import io.github.ghcrtools.it.standin.GhcrStandInExtension;
import io.github.ghcrtools.it.standin.HttpFault;
import io.github.ghcrtools.it.standin.HttpFaultPlan;
import io.github.ghcrtools.it.standin.RegistryRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The image push against a ghcr.io that authenticates as ghcr.io does: bearer tokens from {@code
 * /token} only, Basic on {@code /v2/} refused (403 or 401), tokens that expire, and the HTTP
 * answers ghcr.io gives under load. Each test reads the front's log (how each request was
 * authenticated) and the registry's (what landed).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImageAuthIT {

  @RegisterExtension static final GhcrStandInExtension GHCR = new GhcrStandInExtension();

  @AfterEach
  void restoreTheStandIn() {
    GhcrStandIn standIn = GHCR.standIn();
    standIn.httpFaults(HttpFaultPlan.none());
    standIn.tokenLifetime(Duration.ofSeconds(60));
    standIn.basicRefusalStatus(403);
    System.out.println("[image-auth] " + standIn.assertOnlyGhcrWasContacted());
  }

  @ParameterizedTest
  @ValueSource(ints = {403, 401})
  void aPushAndItsNoOpRepublishSendOnlyBearerTokensOneTokenPerRepository(int basicRefusal) {
    GhcrStandIn standIn = GHCR.standIn();
    standIn.basicRefusalStatus(basicRefusal);
    ImageApp app = ImageApp.copy("auth-bearer-" + basicRefusal);

    int before = standIn.frontRequests().size();
    MavenResult first = app.tagPush(standIn, ImageApp.VERSION, "deploy").run();
    assertTrue(first.succeeded(), first.describe());
    List<FrontRequest> push = FrontRequests.since(standIn, before);
    assertEquals(0, FrontRequests.basicOnV2(push), "Basic credentials sent to /v2/: " + push);
    assertEquals(1, FrontRequests.tokens(push), "token fetches of the push: " + push);
    assertEquals(
        new TreeSet<>(ImageApp.RELEASE_TAGS),
        new RegistryView(standIn).tagDigests(app.repository()).keySet());

    int middle = standIn.frontRequests().size();
    MavenResult again = app.tagPush(standIn, ImageApp.VERSION, "deploy").run();
    assertTrue(again.succeeded(), again.describe());
    List<FrontRequest> republish = FrontRequests.since(standIn, middle);
    assertEquals(
        ImageApp.RELEASE_TAGS.size() + 1,
        republish.stream().filter(r -> r.path().startsWith("/v2/")).count(),
        "a no-op republish costs one request per tag and one read of the referrers tag: "
            + republish);
    assertEquals(1, FrontRequests.tokens(republish), "and one token: " + republish);
    assertEquals(0, FrontRequests.basicOnV2(republish));
    System.out.println(
        "[image-auth] push: "
            + push.size()
            + " requests ("
            + FrontRequests.tokens(push)
            + " token), no-op republish: "
            + republish.size()
            + " ("
            + FrontRequests.tokens(republish)
            + " token)");
  }

  /**
   * {@code ghcr:build} fetches the push's token while it builds, only in a run that pushes next:
   * with the push skipped, a tag push's deploy asks ghcr.io for nothing. Last, so the class's proxy
   * check ({@link #restoreTheStandIn}) has the other tests' connections to look at.
   */
  @Test
  @Order(Integer.MAX_VALUE)
  void aDeployWithThePushSkippedAsksGhcrForNoToken() {
    GhcrStandIn standIn = GHCR.standIn();
    ImageApp app = ImageApp.copy("auth-push-skipped");
    int before = standIn.frontRequests().size();
    int connections = standIn.proxyConnections().size();

    MavenResult result =
        app.tagPush(standIn, ImageApp.VERSION, "deploy").property("ghcr.push.skip", "true").run();

    assertTrue(result.succeeded(), result.describe());
    assertTrue(
        result.log().contains("Skipping ghcr:push (-Dghcr.push.skip=true)"), result.describe());
    assertEquals(List.of(), FrontRequests.since(standIn, before), "requests with the push skipped");
    assertEquals(connections, standIn.proxyConnections().size(), "connections to ghcr.io");
  }

  /**
   * The same with the push skipped in the POM, in an execution of its own (a skip in the plugin's
   * configuration would skip the build too): Maven gives the push that value over the property, and
   * the build reads it from the POM too.
   */
  @Test
  @Order(Integer.MAX_VALUE - 1)
  void aDeployWithThePushSkippedInThePomAsksGhcrForNoToken() {
    GhcrStandIn standIn = GHCR.standIn();
    ImageApp app = ImageApp.copy("auth-push-skipped-in-pom");
    app.edit(
        "pom.xml",
        "<goal>build</goal>\n              <goal>push</goal>\n            </goals>\n"
            + "          </execution>",
        "<goal>build</goal>\n            </goals>\n          </execution>\n"
            + "          <execution><id>push</id><goals><goal>push</goal></goals>"
            + "<configuration><skip>true</skip></configuration></execution>");
    int before = standIn.frontRequests().size();
    int connections = standIn.proxyConnections().size();

    MavenResult result = app.tagPush(standIn, ImageApp.VERSION, "deploy").run();

    assertTrue(result.succeeded(), result.describe());
    assertTrue(
        result.log().contains("Skipping ghcr:push (<skip> in the POM: true)"),
        "the skip's true cause: " + result.describe());
    assertTrue(Files.isRegularFile(app.archive()), "the image was built: " + result.describe());
    assertEquals(List.of(), FrontRequests.since(standIn, before), "requests with the push skipped");
    assertEquals(connections, standIn.proxyConnections().size(), "connections to ghcr.io");
  }

  @Test
  void aTokenThatExpiresMidPushIsRenewedAndNoBlobIsUploadedTwice() throws IOException {
    GhcrStandIn standIn = GHCR.standIn();
    ImageApp app = ImageApp.copy("auth-expiry");
    RandomFiles.write(app.directory().resolve("src/main/jib/data/big.bin"), 30 * 1024 * 1024, 42);
    standIn.tokenLifetime(Duration.ofSeconds(2));
    // the blob checks wait past the token's life, so the uploads meet an expired token
    standIn.httpFaults(
        HttpFaultPlan.none()
            .on(
                "HEAD",
                "/v2/acme/auth-expiry/blobs/.+",
                1,
                HttpFault.delay(Duration.ofMillis(2500))));
    int frontBefore = standIn.frontRequests().size();
    int registryBefore = standIn.registryRequests().size();

    MavenResult result = app.tagPush(standIn, ImageApp.VERSION, "deploy").run();

    assertTrue(result.succeeded(), result.describe());
    List<FrontRequest> push = FrontRequests.since(standIn, frontBefore);
    assertTrue(
        push.stream().anyMatch(r -> r.status() == 401 && r.auth().equals(FrontRequest.BEARER)),
        "no request met an expired token: " + push);
    assertTrue(FrontRequests.tokens(push) >= 2, "the expired token was not renewed: " + push);
    assertEquals(0, FrontRequests.basicOnV2(push));
    List<String> uploaded =
        uploadedDigests(
            standIn.registryRequests().subList(registryBefore, standIn.registryRequests().size()));
    assertEquals(
        new TreeSet<>(uploaded).size(), uploaded.size(), "a blob was uploaded twice: " + uploaded);
    assertEquals(
        new TreeSet<>(ImageApp.RELEASE_TAGS),
        new RegistryView(standIn).tagDigests(app.repository()).keySet());
    assertTrue(
        standIn
            .skopeo("inspect", "--raw", "docker://" + app.repository() + ":" + ImageApp.VERSION)
            .succeeded(),
        "skopeo reads the image back through the token front");
  }

  @Test
  void wrongCredentialsATokenWithoutPushAndAForeignOwnerEachSayWhatIsWrongAndPushNothing() {
    GhcrStandIn standIn = GHCR.standIn();
    String wrong = "wrong-password-7f3a9c";

    ImageApp badPassword = ImageApp.copy("auth-refused");
    MavenResult refused =
        badPassword
            .tagPush(standIn, ImageApp.VERSION, "deploy")
            .env(GitHubEnv.credentials(standIn.username(), wrong))
            .run();
    assertFalse(refused.succeeded(), refused.describe());
    assertTrue(
        refused
            .log()
            .contains(
                "ghcr.io refused the credentials of user '"
                    + standIn.username()
                    + "' (from env GHCR_TOKEN) at its token service (HTTP 401"),
        refused.describe());
    assertTrue(refused.log().contains("wrong, expired or revoked"), refused.describe());
    assertFalse(refused.log().contains(wrong), "the token is in the log");

    ImageApp readOnly = ImageApp.copy("auth-refused");
    MavenResult denied =
        readOnly
            .tagPush(standIn, ImageApp.VERSION, "deploy")
            .env(GitHubEnv.credentials(standIn.readOnlyUsername(), standIn.readOnlyPassword()))
            .run();
    assertFalse(denied.succeeded(), denied.describe());
    assertTrue(
        denied
            .log()
            .contains(
                "the token of user '"
                    + standIn.readOnlyUsername()
                    + "' (from env GHCR_TOKEN) may read this package but not write it"),
        denied.describe());
    assertTrue(denied.log().contains("permissions: packages: write"), denied.describe());
    assertFalse(denied.log().contains(standIn.readOnlyPassword()), "the token is in the log");

    ImageApp foreign = ImageApp.copy("auth-refused");
    MavenResult elsewhere =
        foreign
            .tagPush(standIn, ImageApp.VERSION, "deploy")
            .property("ghcr.owner", "someone-else")
            .run();
    assertFalse(elsewhere.succeeded(), elsewhere.describe());
    assertTrue(
        elsewhere
            .log()
            .contains("the owner 'someone-else' is not a namespace this user may publish to"),
        elsewhere.describe());
    assertFalse(elsewhere.log().contains(standIn.password()), "the token is in the log");

    Set<String> catalog = new TreeSet<>(standIn.catalog());
    assertFalse(catalog.contains("acme/auth-refused"), "something was pushed: " + catalog);
    assertFalse(catalog.contains("someone-else/auth-refused"), "something was pushed: " + catalog);
  }

  @Test
  void retryAfterTransientErrorsAndALostUploadAreHandledAsTheRegistryAsks() {
    GhcrStandIn standIn = GHCR.standIn();
    ImageApp app = ImageApp.copy("auth-faults");
    HttpFaultPlan plan =
        HttpFaultPlan.none()
            .on(
                "HEAD",
                "/v2/acme/auth-faults/manifests/.+",
                1,
                HttpFault.tooManyRequests(Duration.ofSeconds(2)))
            .on("HEAD", "/v2/acme/auth-faults/blobs/.+", 3, HttpFault.status(503))
            .on("PUT", "/v2/acme/auth-faults/blobs/uploads/.+", 1, HttpFault.blobUploadUnknown());
    standIn.httpFaults(plan);
    int registryBefore = standIn.registryRequests().size();

    MavenResult result = app.tagPush(standIn, ImageApp.VERSION, "deploy").run();

    assertTrue(result.succeeded(), result.describe());
    assertEquals(List.of(1, 3, 1), plan.fired(), "faults fired");
    assertTrue(
        result.log().contains("HTTP 429"),
        result.describe()); // a HEAD answer has no body to name the code
    assertTrue(
        result.log().contains("retrying in 2.0 s"),
        "Retry-After not honoured: " + result.describe());
    assertTrue(result.log().contains("HTTP 503"), result.describe());
    assertTrue(result.log().contains("BLOB_UPLOAD_UNKNOWN"), result.describe());
    List<String> uploaded =
        uploadedDigests(
            standIn.registryRequests().subList(registryBefore, standIn.registryRequests().size()));
    assertEquals(
        new TreeSet<>(uploaded).size(), uploaded.size(), "a blob was uploaded twice: " + uploaded);
    assertEquals(
        new TreeSet<>(ImageApp.RELEASE_TAGS),
        new RegistryView(standIn).tagDigests(app.repository()).keySet());
  }

  /** The digests of the blob uploads the registry completed (201), one entry per upload. */
  static List<String> uploadedDigests(List<RegistryRequest> requests) {
    return requests.stream()
        .filter(
            r ->
                r.method().equals("PUT")
                    && r.status() == 201
                    && r.pathWithoutQuery().contains("/blobs/uploads/"))
        .map(r -> r.path().replaceAll(".*[?&]digest=([^&]+).*", "$1").replace("%3A", ":"))
        .toList();
  }
}
