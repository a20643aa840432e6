package io.github.ghcrtools.helm.oci.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.credentials.Secret;
import io.github.ghcrtools.core.policy.PolicyViolationException;
import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.PublishRecord;
import io.github.ghcrtools.core.record.PublishRecords;
import io.github.ghcrtools.core.release.ReleaseReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The push's order of operations and policy, against an in-memory registry. */
class ChartPusherTest {

  @TempDir Path project;

  private PushFixture fixture;
  private final FakeRegistry registry = new FakeRegistry();
  private final RecordingLog log = new RecordingLog();

  @BeforeEach
  void setUp() {
    fixture = new PushFixture(project).tagPush();
  }

  /**
   * The release step as the real publisher does it: the manifest under its tags, then the report.
   */
  private PushOutcome push() {
    return new ChartPusher(
            registry,
            log,
            (artifact, credentials) -> {
              registry.release(artifact);
              new ReleaseReport(
                      Optional.of(fixture.outputFile()), Optional.of(fixture.summaryFile()))
                  .published(
                      artifact,
                      artifact.tags(),
                      artifact.immutableToPush().isEmpty() ? "already published" : "published",
                      List.of());
              log.info(artifact.publishedLine());
            })
        .push(fixture.request("app"));
  }

  @Test
  void pushesBothBlobsFirstAndTheManifestLast() {
    fixture.chart("app", "0.1.0", "An app");

    PushOutcome outcome = push();

    assertEquals(PushOutcome.Status.PUSHED, outcome.status());
    String digest = outcome.reference().digest();
    assertEquals("ghcr.io/acme/charts/app:0.1.0@" + digest, outcome.reference().toString());
    assertEquals(
        List.of("ghcr.io/acme/charts/app"),
        registry.opened.stream().map(Object::toString).toList());
    assertEquals(4, registry.calls.size(), registry.calls.toString());
    assertEquals("manifestDigest 0.1.0", registry.calls.get(0));
    assertTrue(
        registry.calls.get(1).startsWith("pushBlob ")
            && registry.calls.get(2).startsWith("pushBlob "),
        registry.calls.toString());
    assertEquals("pushManifest 0.1.0", registry.calls.get(3));
    assertEquals(digest, registry.tags.get("0.1.0"));
    assertEquals(1, registry.closed, "the client is closed");
    assertEquals(2, outcome.blobsUploaded());
    assertTrue(
        log.all()
            .contains(
                "INFO Pushed chart oci://ghcr.io/acme/charts/app:0.1.0@"
                    + digest
                    + " (2 blob(s) uploaded, 0 already present)"),
        log.all());
  }

  @Test
  void writesThePublishRecordTheGitHubOutputsAndASummaryRow() {
    fixture.chart("app", "0.1.0", "An app");

    PushOutcome outcome = push();

    String digest = outcome.reference().digest();
    PublishRecord record =
        PublishRecords.read(project.resolve("target/ghcr-publish/records/chart-app.json"));
    assertEquals(
        PublishRecord.of(
            ArtifactKind.CHART,
            "app",
            "ghcr.io/acme/charts/app",
            digest,
            List.of("0.1.0"),
            "0.1.0",
            "0123456789abcdef0123456789abcdef01234567",
            PushFixture.CREATED),
        record);
    assertEquals(
        "chart-app-version=0.1.0\nchart-app-digest="
            + digest
            + "\nchart-app-ref=oci://ghcr.io/acme/charts/app:0.1.0@"
            + digest
            + "\n",
        PushFixture.read(fixture.outputFile()));
    String summary = PushFixture.read(fixture.summaryFile());
    assertTrue(
        summary.contains(
            "| app | 0.1.0 | oci://ghcr.io/acme/charts/app:0.1.0 | " + digest + " | published |"),
        summary);
  }

  @Test
  void aSecondIdenticalPushUploadsNothing() {
    fixture.chart("app", "0.1.0", "An app");
    PushOutcome first = push();
    registry.calls.clear();

    PushOutcome second = push();

    assertEquals(PushOutcome.Status.ALREADY_PRESENT, second.status());
    assertEquals(first.reference(), second.reference());
    assertEquals(List.of("manifestDigest 0.1.0"), registry.calls);
    assertTrue(
        log.all()
            .contains(
                "INFO Chart oci://" + first.reference() + " already present, nothing uploaded"),
        log.all());
    assertTrue(Files.exists(project.resolve("target/ghcr-publish/records/chart-app.json")));
  }

  @Test
  void aNewVersionSendsItsBlobsWithoutAskingTheRegistryFirst() {
    fixture.chart("app", "0.1.0", "An app");
    PushOutcome first = push();
    // a release that failed after the uploads: the blobs are there, the tag is not
    registry.tags.clear();
    registry.calls.clear();

    PushOutcome again = push();

    assertEquals(PushOutcome.Status.PUSHED, again.status());
    assertEquals(
        List.of("manifestDigest", "pushBlob", "pushBlob", "pushManifest"),
        registry.calls.stream().map(call -> call.substring(0, call.indexOf(' '))).toList(),
        "no blob check: a version the registry lacks cannot have its blobs there but for a"
            + " failed release, and re-sending two small blobs then costs less than asking always");
    assertEquals(2, again.blobsUploaded());
    assertEquals(0, again.blobsPresent());
    assertEquals(first.reference(), again.reference());
  }

  @Test
  void aReplacedVersionAsksForItsBlobsAndSkipsTheOneItShares() {
    fixture.chart("app", "0.1.0", "An app");
    String published = push().reference().digest();
    PushFixture.write(
        project.resolve("src/main/helm/app/templates/extra.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n");
    fixture.chart("app", "0.1.0", "An app"); // same Chart.yaml: same config, other archive
    fixture.allowOverwrite = true;
    registry.calls.clear();

    PushOutcome outcome = push();

    assertNotEquals(published, outcome.reference().digest());
    assertEquals(1, outcome.blobsPresent(), registry.calls.toString());
    assertEquals(1, outcome.blobsUploaded(), registry.calls.toString());
    // the config (shared) and the archive (new) are sent side by side, in either order
    List<String> sends = registry.calls.subList(1, 3).stream().sorted().toList();
    assertTrue(
        sends.get(0).startsWith("blobPresent ") && sends.get(1).startsWith("pushBlob "),
        registry.calls.toString());
  }

  @Test
  void aBlobMountedFromAnotherRepositoryIsCountedApart() {
    fixture.chart("app", "0.1.0", "An app");
    PushOutcome first = push();
    String oneBlob =
        registry.calls.stream()
            .filter(call -> call.startsWith("pushBlob "))
            .findFirst()
            .orElseThrow()
            .substring("pushBlob ".length());
    // the same chart in a repository that lacks it, while another repository of the run holds one
    // of its blobs
    registry.tags.clear();
    registry.blobs.clear();
    registry.calls.clear();
    registry.mountable.add(oneBlob);

    PushOutcome again = push();

    assertEquals(1, again.blobsUploaded(), registry.calls.toString());
    assertEquals(1, again.blobsMounted(), registry.calls.toString());
    assertEquals(0, again.blobsPresent(), registry.calls.toString());
    assertTrue(
        again
            .line()
            .endsWith(
                "(1 blob(s) uploaded, 1 mounted from another repository of this run, 0 already"
                    + " present)"),
        again.line());
    assertTrue(first.line().endsWith("(2 blob(s) uploaded, 0 already present)"), first.line());
  }

  @Test
  void aChangedChartWithAnExistingVersionFailsNamingBothDigests() {
    fixture.chart("app", "0.1.0", "An app");
    String published = push().reference().digest();
    fixture.chart("app", "0.1.0", "An app, changed");
    registry.calls.clear();

    ChartPushException e = assertThrows(ChartPushException.class, this::push);

    assertTrue(
        e.getMessage()
            .startsWith(
                "Chart version 0.1.0 already exists at oci://ghcr.io/acme/charts/app:0.1.0"
                    + " with digest "
                    + published
                    + ", but this build's chart has digest sha256:"),
        e.getMessage());
    assertTrue(e.getMessage().contains("-Dhelm-oci.allowOverwrite=true"), e.getMessage());
    assertEquals(List.of(), registry.uploads());
    assertEquals(published, registry.tags.get("0.1.0"));
  }

  @Test
  void allowOverwriteReplacesTheVersionWithAWarning() {
    fixture.chart("app", "0.1.0", "An app");
    String published = push().reference().digest();
    fixture.chart("app", "0.1.0", "An app, changed");
    fixture.allowOverwrite = true;

    PushOutcome outcome = push();

    assertEquals(PushOutcome.Status.PUSHED, outcome.status());
    assertEquals(outcome.reference().digest(), registry.tags.get("0.1.0"));
    assertFalse(published.equals(outcome.reference().digest()));
    assertTrue(
        log.all()
            .contains(
                "WARN Chart version 0.1.0 at oci://ghcr.io/acme/charts/app:0.1.0 has digest "
                    + published
                    + "; replacing it with "
                    + outcome.reference().digest()),
        log.all());
  }

  @Test
  void aBuildMetadataVersionIsTaggedWithAnUnderscore() {
    fixture.chart("app", "1.0.0+build.5", "An app");

    PushOutcome outcome = push();

    assertEquals("1.0.0_build.5", outcome.reference().tag());
    assertEquals("1.0.0+build.5", outcome.version());
    assertTrue(registry.tags.containsKey("1.0.0_build.5"));
  }

  @Test
  void ownerAndChartsPrefixComeFromTheParameters() {
    fixture.chart("app", "0.1.0", "An app");
    fixture.owner = "other-org";
    fixture.chartsPrefix = "helm/stable";

    assertEquals(
        "ghcr.io/other-org/helm/stable/app:0.1.0", push().reference().withDigest(null).toString());
  }

  static Stream<Arguments> untrustedRuns() {
    return Stream.of(
        Arguments.of(
            "pull request",
            (Consumer<PushFixture>) f -> f.github("pull_request"),
            "pull_request events never push (GITHUB_EVENT_NAME=pull_request)"),
        Arguments.of(
            "pull_request_target even with allowLocalPush",
            (Consumer<PushFixture>)
                f -> {
                  f.github("pull_request_target");
                  f.allowLocalPush = true;
                },
            "pull_request_target events never push"),
        Arguments.of(
            "push to an unprotected branch",
            (Consumer<PushFixture>)
                f -> {
                  f.github("push");
                  f.env.put("GITHUB_REF_NAME", "feature");
                  f.env.put("GITHUB_REF_TYPE", "branch");
                },
            "push to unprotected branch feature is not trusted"),
        Arguments.of(
            "local build",
            (Consumer<PushFixture>) f -> f.owner = "acme",
            "not in GitHub Actions; set -Dghcr.allowLocalPush=true"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("untrustedRuns")
  void untrustedRunsSkipWithTheReasonAndContactNothing(
      String name, Consumer<PushFixture> setup, String reason) {
    fixture = new PushFixture(project);
    setup.accept(fixture);
    fixture.chart("app", "0.1.0", "An app");

    PushOutcome outcome = push();

    assertEquals(PushOutcome.Status.SKIPPED, outcome.status());
    assertEquals(List.of(), registry.opened, "no registry client was created");
    assertEquals(1, log.lines.size(), log.all());
    assertTrue(
        log.lines
            .get(0)
            .startsWith(
                "INFO Not pushing chart app 0.1.0 to oci://ghcr.io/acme/charts/app:0.1.0: "),
        log.all());
    assertTrue(log.lines.get(0).contains(reason), log.all());
    assertFalse(Files.exists(project.resolve("target/ghcr-publish/records")));
  }

  @Test
  void aPullRequestRunSaysWhyInTheStepSummaryAndWritesNoOutputs() {
    fixture = new PushFixture(project).github("pull_request");
    fixture.chart("app", "0.1.0", "An app");

    push();

    assertTrue(
        PushFixture.read(fixture.summaryFile())
            .contains(
                "| app | 0.1.0 | oci://ghcr.io/acme/charts/app:0.1.0 |  | not pushed: pull_request events never push"));
    assertFalse(Files.exists(fixture.outputFile()));
  }

  @Test
  void aLocalBuildWithoutOwnerSkipsWithoutNamingATarget() {
    fixture = new PushFixture(project);
    fixture.chart("app", "0.1.0", "An app");

    PushOutcome outcome = push();

    assertEquals(PushOutcome.Status.SKIPPED, outcome.status());
    assertEquals(
        List.of(
            "INFO Not pushing chart app 0.1.0: not in GitHub Actions; set -Dghcr.allowLocalPush=true"
                + " to push from a local build"),
        log.lines);
  }

  @Test
  void aLocalBuildPushesWithAllowLocalPush() {
    fixture = new PushFixture(project);
    fixture.allowLocalPush = true;
    fixture.owner = "acme";
    fixture.env.put("GHCR_TOKEN", PushFixture.TOKEN);
    fixture.env.put("GHCR_USERNAME", "me");
    fixture.chart("app", "0.1.0", "An app");

    assertEquals(PushOutcome.Status.PUSHED, push().status());
    assertEquals("me", registry.credentials.get(0).username());
    assertEquals("env GHCR_TOKEN", registry.credentials.get(0).source());
  }

  @Test
  void settingsXmlCredentialsWinOverTheEnvironment() {
    fixture.settingsCredentials =
        Optional.of(
            new RegistryCredentials(
                "settings-user", Secret.of("s3cret"), "settings.xml server 'ghcr.io'"));
    fixture.chart("app", "0.1.0", "An app");

    push();

    assertEquals("settings-user", registry.credentials.get(0).username());
    assertTrue(
        log.all()
            .contains(
                "as settings-user (credentials from settings.xml server 'ghcr.io'; tag push v0.1.0)"),
        log.all());
  }

  @Test
  void missingCredentialsFailBeforeAnyConnectionNamingBothSources() {
    fixture.env.remove("GHCR_TOKEN");
    fixture.chart("app", "0.1.0", "An app");

    ChartPushException e = assertThrows(ChartPushException.class, this::push);

    assertTrue(
        e.getMessage().startsWith("No credentials for ghcr.io: set env GHCR_TOKEN"),
        e.getMessage());
    assertTrue(e.getMessage().contains("settings.xml"), e.getMessage());
    assertTrue(e.getMessage().contains("write:packages"), e.getMessage());
    assertEquals(List.of(), registry.opened);
  }

  @Test
  void theTokenNeverReachesTheLog() {
    fixture.chart("app", "0.1.0", "An app");

    push();

    assertFalse(log.all().contains(PushFixture.TOKEN), log.all());
    assertFalse(
        PushFixture.read(project.resolve("target/ghcr-publish/records/chart-app.json"))
            .contains(PushFixture.TOKEN));
  }

  @Test
  void withoutAPackageItAsksToRunPackageFirst() {
    ChartPushException e = assertThrows(ChartPushException.class, this::push);

    assertTrue(
        e.getMessage()
            .startsWith(
                "Chart 'app' has not been packaged: target/ghcr-publish/build/chart-app.build.json"
                    + " is missing; run helm-oci:package first"),
        e.getMessage());
    assertEquals(List.of(), registry.opened);
  }

  @Test
  void aDeletedArchiveAsksToRunPackageFirst() throws Exception {
    Files.delete(fixture.chart("app", "0.1.0", "An app").archive());

    ChartPushException e = assertThrows(ChartPushException.class, this::push);

    assertEquals(
        "Chart package target/helm/app-0.1.0.tgz is missing; run helm-oci:package first",
        e.getMessage());
  }

  @Test
  void anArchiveChangedAfterPackagingIsRefused() throws Exception {
    Path archive = fixture.chart("app", "0.1.0", "An app").archive();
    Files.write(archive, new byte[] {1, 2, 3});

    ChartPushException e = assertThrows(ChartPushException.class, this::push);

    assertTrue(
        e.getMessage().contains("it changed after packaging: run helm-oci:package again"),
        e.getMessage());
    assertEquals(List.of(), registry.opened);
  }

  static Stream<Arguments> insecureProperties() {
    return Stream.of(
        Arguments.of("jib.allowInsecureRegistries", "true"),
        Arguments.of("sendCredentialsOverHttp", ""),
        Arguments.of("jdk.internal.httpclient.disableHostnameVerification", "true"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("insecureProperties")
  void insecurePropertiesAreRefusedBeforeAnythingElse(String property, String value) {
    fixture.properties.put(property, value);
    fixture.chart("app", "0.1.0", "An app");

    PolicyViolationException e = assertThrows(PolicyViolationException.class, this::push);

    assertTrue(e.getMessage().startsWith("Property '" + property + "' is set"), e.getMessage());
    assertEquals(List.of(), registry.opened);
  }

  @Test
  void aRegistriesConfThatRedirectsGhcrIsRefusedBeforeAnyConnection() {
    Path hostile = project.resolve("hostile.conf");
    PushFixture.write(
        hostile, "[[registry]]\nprefix = \"ghcr.io\"\nlocation = \"evil.example.com\"\n");
    fixture.env.put("CONTAINERS_REGISTRIES_CONF", hostile.toString());
    fixture.chart("app", "0.1.0", "An app");

    PolicyViolationException e = assertThrows(PolicyViolationException.class, this::push);

    assertTrue(e.getMessage().contains("rewrites ghcr.io to 'evil.example.com'"), e.getMessage());
    assertEquals(List.of(), registry.opened);
  }

  @Test
  void anUppercaseOwnerInThePomIsAnErrorEvenOnAPullRequest() {
    fixture = new PushFixture(project).github("pull_request");
    fixture.owner = "Acme";
    fixture.chart("app", "0.1.0", "An app");

    PolicyViolationException e = assertThrows(PolicyViolationException.class, this::push);

    assertTrue(e.getMessage().contains("write 'acme'"), e.getMessage());
  }
}
