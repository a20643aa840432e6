package io.github.ghcrtools.core.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.failure.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningPlanTest {

  private static final Map<String, String> OIDC =
      Map.of(
          "GITHUB_ACTIONS", "true",
          "ACTIONS_ID_TOKEN_REQUEST_URL", "https://token.example/?x=1",
          "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "request-token-secret");

  @TempDir Path dir;

  @Test
  void signModeReadsTheThreeValuesAndNamesThePropertyOtherwise() {
    assertEquals(SignMode.AUTO, SignMode.parse(null, "ghcr.sign"));
    assertEquals(SignMode.AUTO, SignMode.parse(" Auto ", "ghcr.sign"));
    assertEquals(SignMode.ON, SignMode.parse("true", "ghcr.sign"));
    assertEquals(SignMode.OFF, SignMode.parse("FALSE", "ghcr.sign"));
    UserError e = assertThrows(UserError.class, () -> SignMode.parse("yes", "helm-oci.sign"));
    assertTrue(e.getMessage().contains("-Dhelm-oci.sign=auto|true|false"), e.getMessage());
    assertEquals(Optional.of("helm-oci.sign"), e.parameter());
  }

  @Test
  void whatThePushRefusesBeforeAnyRequestIsKnownAhead() {
    Map<String, String> noToken = Map.of("GITHUB_ACTIONS", "true");
    assertTrue(SigningPlan.refusedBeforeAnyRequest(" TRUE ", noToken));
    assertTrue(SigningPlan.refusedBeforeAnyRequest("yes", OIDC), "an unknown value");
    assertFalse(SigningPlan.refusedBeforeAnyRequest("true", OIDC));
    assertFalse(SigningPlan.refusedBeforeAnyRequest("auto", noToken));
    assertFalse(SigningPlan.refusedBeforeAnyRequest(null, noToken));
    assertFalse(SigningPlan.refusedBeforeAnyRequest("false", noToken));
  }

  @Test
  void withATokenEveryModeButOffSigns() {
    List<String> said = new ArrayList<>();
    assertEquals(
        Optional.of(SigstoreInstance.PUBLIC),
        SigningPlan.decide(
            SignMode.AUTO, SigstoreInstance.PUBLIC, OIDC, "ghcr.sign", said::add, said::add));
    assertTrue(
        SigningPlan.decide(
                SignMode.ON, SigstoreInstance.PUBLIC, OIDC, "ghcr.sign", said::add, said::add)
            .isPresent());
    assertFalse(
        SigningPlan.decide(
                SignMode.OFF, SigstoreInstance.PUBLIC, OIDC, "ghcr.sign", said::add, said::add)
            .isPresent());
    assertEquals(List.of(), said);
  }

  @Test
  void autoWithoutATokenSaysWhyInOneLineAndTrueFailsWithTheFix() {
    Map<String, String> noToken = Map.of("GITHUB_ACTIONS", "true");
    List<String> said = new ArrayList<>();
    assertFalse(
        SigningPlan.decide(
                SignMode.AUTO, SigstoreInstance.PUBLIC, noToken, "ghcr.sign", said::add, said::add)
            .isPresent());
    assertEquals(1, said.size());
    assertTrue(said.get(0).startsWith("Not signed (ghcr.sign=auto): "), said.get(0));
    assertTrue(said.get(0).contains("id-token: write"), said.get(0));

    UserError e =
        assertThrows(
            UserError.class,
            () ->
                SigningPlan.decide(
                    SignMode.ON,
                    SigstoreInstance.PUBLIC,
                    noToken,
                    "ghcr.sign",
                    said::add,
                    said::add));
    assertTrue(e.getMessage().contains("Nothing was pushed"), e.getMessage());
    assertTrue(e.getMessage().contains("permissions: id-token: write"), e.getMessage());
    // outside GitHub Actions there is no identity at all
    UserError local =
        assertThrows(
            UserError.class,
            () ->
                SigningPlan.decide(
                    SignMode.ON,
                    SigstoreInstance.PUBLIC,
                    Map.of(),
                    "ghcr.sign",
                    said::add,
                    said::add));
    assertTrue(local.getMessage().contains("not a GitHub Actions run"), local.getMessage());
  }

  @Test
  void aPrivateInstanceNeedsBothFilesAndTheyMustExist() throws Exception {
    Path config = Files.writeString(dir.resolve("signing_config.json"), "{}");
    Path root = Files.writeString(dir.resolve("trusted_root.json"), "{}");
    SigstoreInstance both = SigstoreInstance.of(config.toString(), root.toString(), "ghcr", true);
    assertFalse(both.isPublic());
    assertEquals(config.toAbsolutePath().toString(), both.signingConfig());
    assertTrue(SigstoreInstance.of(" ", null, "ghcr", true).isPublic());
    // verifying needs the trusted root only
    assertEquals(
        root.toAbsolutePath().toString(),
        SigstoreInstance.of(null, root.toString(), "ghcr", false).trustedRoot());

    UserError half =
        assertThrows(
            UserError.class, () -> SigstoreInstance.of(config.toString(), "", "ghcr", true));
    assertEquals(Optional.of("ghcr.sigstore.trustedRoot"), half.parameter());
    UserError missing =
        assertThrows(
            UserError.class,
            () ->
                SigstoreInstance.of(
                    dir.resolve("nope.json").toString(), root.toString(), "helm-oci", true));
    assertTrue(missing.getMessage().contains("-Dhelm-oci.sigstore.signingConfig"));
  }

  @Test
  void theRequestTokenNeverReachesAMessage() {
    List<String> said = new ArrayList<>();
    Map<String, String> urlOnly =
        Map.of("GITHUB_ACTIONS", "true", "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "request-token-secret");
    SigningPlan.decide(
        SignMode.AUTO, SigstoreInstance.PUBLIC, urlOnly, "ghcr.sign", said::add, said::add);
    assertFalse(String.join("\n", said).contains("request-token-secret"));
  }

  @Test
  void aPrivateConfigWithoutRekorV2OrATimestampAuthorityIsRefusedBeforeAnyUpload()
      throws Exception {
    Path root = Files.writeString(dir.resolve("trusted_root.json"), "{}");
    Path v1Only =
        Files.writeString(
            dir.resolve("v1.json"),
            "{\"rekorTlogUrls\":[{\"url\":\"https://rekor.example\",\"majorApiVersion\":1}],"
                + "\"tsaUrls\":[{\"url\":\"https://tsa.example\"}]}");
    SigstoreInstance instance =
        SigstoreInstance.of(v1Only.toString(), root.toString(), "ghcr", true);
    UserError e =
        assertThrows(
            UserError.class,
            () -> SigningPlan.decide(SignMode.AUTO, instance, OIDC, "ghcr.sign", s -> {}, s -> {}));
    assertTrue(e.getMessage().contains("no Rekor v2 log"), e.getMessage());
    assertEquals(Optional.of("ghcr.sigstore.signingConfig"), e.parameter());

    Path both =
        Files.writeString(
            dir.resolve("v2.json"),
            "{\"rekorTlogUrls\":[{\"url\":\"https://rekor.example\",\"majorApiVersion\":2}],"
                + "\"tsaUrls\":[{\"url\":\"https://tsa.example\"}]}");
    assertTrue(
        SigningPlan.decide(
                SignMode.AUTO,
                SigstoreInstance.of(both.toString(), root.toString(), "ghcr", true),
                OIDC,
                "ghcr.sign",
                s -> {},
                s -> {})
            .isPresent());
  }

  @Test
  void signingFromARefTheDefaultVerificationRefusesIsSaidUpFront() {
    Map<String, String> branch = new java.util.HashMap<>(OIDC);
    branch.put("GITHUB_REPOSITORY", "acme/app");
    branch.put("GITHUB_WORKFLOW_REF", "acme/app/.github/workflows/charts.yml@refs/heads/release");
    List<String> warned = new ArrayList<>();
    SigningPlan.decide(
        SignMode.AUTO, SigstoreInstance.PUBLIC, branch, "ghcr.sign", s -> {}, warned::add);
    assertEquals(1, warned.size());
    assertTrue(warned.get(0).contains("@refs/heads/release"), warned.get(0));

    branch.put("GITHUB_WORKFLOW_REF", "acme/app/.github/workflows/release.yml@refs/tags/v1.0.0");
    warned.clear();
    SigningPlan.decide(
        SignMode.AUTO, SigstoreInstance.PUBLIC, branch, "ghcr.sign", s -> {}, warned::add);
    assertEquals(List.of(), warned);
  }
}
