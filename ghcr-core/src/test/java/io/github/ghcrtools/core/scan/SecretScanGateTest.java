package io.github.ghcrtools.core.scan;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.failure.UserError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretScanGateTest {

  private static final String TOKEN = FakeSecrets.github("p");
  private static final String BUILD_TOKEN = "the-token-of-this-build-0123";

  private final List<String> warnings = new ArrayList<>();
  private final List<String> infos = new ArrayList<>();

  @Test
  void failModeRefusesNamingArtifactFileLineRuleMaskFingerprintAndTheFixButNeverTheSecret()
      throws IOException {
    List<SecretFinding> found =
        findings("/app/resources/application.properties", "a=1\ntoken=" + TOKEN + "\n");

    SecretsFoundException e =
        assertThrows(
            SecretsFoundException.class,
            () ->
                SecretScanGate.apply(
                    "image pytoya/api", found, settings("fail"), warnings::add, infos::add));

    String message = e.getMessage();
    assertTrue(message.startsWith("Secret scan: image pytoya/api would ship a secret"), message);
    assertTrue(
        message.contains(
            "/app/resources/application.properties:2  github-token  ghp_...  "
                + found.get(0).fingerprint()),
        message);
    assertTrue(message.contains("Remove each secret"), message);
    assertTrue(
        message.contains("-Dghcr.secretScanAllowlist=" + found.get(0).fingerprint()), message);
    assertTrue(message.contains("-Dghcr.secretScan=warn"), message);
    assertFalse(message.contains(TOKEN), message);
    assertEquals(Optional.of("secretScan"), e.parameter());
    assertTrue(e instanceof UserError);
  }

  @Test
  void aKnownSecretIsNeverAllowlistedAndTheMessageSaysSo() throws IOException {
    KnownSecrets known = KnownSecrets.of(Map.of("GHCR_TOKEN", BUILD_TOKEN), Optional.empty());
    List<SecretFinding> found =
        findings("/app/resources/app.properties", "t=" + BUILD_TOKEN, known);
    ScanSettings settings =
        ScanSettings.parse("fail", List.of(found.get(0).fingerprint(), "/app/**"), "ghcr");

    SecretsFoundException e =
        assertThrows(
            SecretsFoundException.class,
            () -> SecretScanGate.apply("image api", found, settings, warnings::add, infos::add));

    assertTrue(e.getMessage().contains("known-secret (env GHCR_TOKEN)"), e.getMessage());
    assertTrue(e.getMessage().contains("never allowlisted"), e.getMessage());
    assertFalse(e.getMessage().contains(BUILD_TOKEN), e.getMessage());
  }

  @Test
  void aFingerprintInTheAllowlistLetsThatSecretThroughAndCountsIt() throws IOException {
    List<SecretFinding> found = findings("/app/resources/a.txt", TOKEN + "\n" + FakeSecrets.npm());
    ScanSettings settings =
        ScanSettings.parse(
            "fail",
            List.of(found.get(0).fingerprint(), found.get(1).fingerprint().toUpperCase()),
            "ghcr");

    assertDoesNotThrow(
        () -> SecretScanGate.apply("image api", found, settings, warnings::add, infos::add));
    assertEquals(List.of(), warnings);
    assertTrue(infos.get(0).contains("2 finding(s) allowlisted by ghcr.secretScanAllowlist"));
  }

  @Test
  void aPathGlobInTheAllowlistLetsItsFilesThrough() throws IOException {
    List<SecretFinding> inJar = findings("/app/libs/foo-1.2.jar!/test/keys.txt", TOKEN);
    List<SecretFinding> inResources = findings("/app/resources/keys.txt", TOKEN);
    ScanSettings settings = ScanSettings.parse("fail", List.of("/app/libs/foo-*.jar!/**"), "ghcr");

    assertDoesNotThrow(
        () -> SecretScanGate.apply("image api", inJar, settings, warnings::add, infos::add));
    assertThrows(
        SecretsFoundException.class,
        () -> SecretScanGate.apply("image api", inResources, settings, warnings::add, infos::add));
  }

  @Test
  void warnModeStillRefusesThisBuildsOwnTokenAndDoesNotSuggestWarn() throws IOException {
    KnownSecrets known = KnownSecrets.of(Map.of("GHCR_TOKEN", BUILD_TOKEN), Optional.empty());
    List<SecretFinding> found =
        findings("/app/resources/app.properties", "t=" + BUILD_TOKEN, known);

    SecretsFoundException e =
        assertThrows(
            SecretsFoundException.class,
            () ->
                SecretScanGate.apply(
                    "image api", found, settings("warn"), warnings::add, infos::add));

    assertTrue(e.getMessage().contains("known-secret (env GHCR_TOKEN)"), e.getMessage());
    assertFalse(e.getMessage().contains("secretScan=warn"), e.getMessage());
    assertFalse(e.getMessage().contains(BUILD_TOKEN), e.getMessage());
    assertEquals(List.of(), warnings);
  }

  @Test
  void warnModeLogsEachFindingMaskedAndGoesOn() throws IOException {
    List<SecretFinding> found = findings("/app/resources/a.txt", TOKEN + "\n" + FakeSecrets.aws());

    SecretScanGate.apply("image api", found, settings("WARN"), warnings::add, infos::add);

    assertEquals(2, warnings.size());
    assertTrue(
        warnings.get(0).contains("/app/resources/a.txt:1  github-token  ghp_..."), warnings.get(0));
    assertTrue(warnings.get(1).contains("aws-access-key"));
    assertTrue(
        warnings.stream().noneMatch(w -> w.contains(TOKEN) || w.contains(FakeSecrets.aws())));
  }

  @Test
  void offModeLetsEverythingThrough() throws IOException {
    List<SecretFinding> found = findings("/app/a.txt", TOKEN);

    SecretScanGate.apply("image api", found, settings(" off "), warnings::add, infos::add);

    assertEquals(List.of(), warnings);
    assertFalse(settings("off").enabled());
  }

  @Test
  void manyFindingsAreListedUpToALimit() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 25; i++) {
      text.append("AKIA").append(String.format("%016d", i)).append('\n');
    }
    List<SecretFinding> found = findings("/a.txt", text.toString());

    String message = SecretScanGate.message("image api", found, "ghcr");

    assertTrue(message.contains("would ship 25 secrets"), message);
    assertTrue(message.contains("... and 5 more"), message);
  }

  @Test
  void aBadModeNamesTheParameterAndTheValues() {
    UserError e =
        assertThrows(UserError.class, () -> ScanSettings.parse("block", null, "helm-oci"));

    assertEquals(
        "Parameter 'secretScan' (-Dhelm-oci.secretScan) is 'block': write fail (the default), warn or off.",
        e.getMessage());
    assertEquals(SecretScanMode.FAIL, ScanSettings.parse(null, null, "ghcr").mode());
    assertEquals(SecretScanMode.FAIL, ScanSettings.parse("", null, "ghcr").mode());
  }

  @Test
  void aShortFingerprintInTheAllowlistIsABadValue() {
    UserError e =
        assertThrows(
            UserError.class, () -> ScanSettings.parse("fail", List.of("sha256:abc"), "ghcr"));

    assertTrue(e.getMessage().contains("-Dghcr.secretScanAllowlist"), e.getMessage());
    assertEquals(Optional.of("secretScanAllowlist"), e.parameter());
  }

  @Test
  void globsMatchWithinAndAcrossSegments() {
    assertTrue(
        ScanAllowlist.glob("/app/resources/*.pem").matcher("/app/resources/a.pem").matches());
    assertFalse(
        ScanAllowlist.glob("/app/resources/*.pem").matcher("/app/resources/x/a.pem").matches());
    assertTrue(ScanAllowlist.glob("/app/**/*.pem").matcher("/app/resources/x/a.pem").matches());
    assertTrue(ScanAllowlist.glob("/app/**/*.pem").matcher("/app/a.pem").matches());
    assertTrue(ScanAllowlist.glob("**/test-?.txt").matcher("chart/files/test-1.txt").matches());
    assertTrue(ScanAllowlist.glob("chart/templates/*").matcher("chart/templates/s.yaml").matches());
    assertFalse(ScanAllowlist.glob("chart/templates/*").matcher("chart/values.yaml").matches());
    assertTrue(ScanAllowlist.glob("a.b+c(1)").matcher("a.b+c(1)").matches());
  }

  private static ScanSettings settings(String mode) {
    return ScanSettings.parse(mode, List.of(), "ghcr");
  }

  private static List<SecretFinding> findings(String path, String text) throws IOException {
    return findings(path, text, KnownSecrets.none());
  }

  private static List<SecretFinding> findings(String path, String text, KnownSecrets known)
      throws IOException {
    SecretScanner scanner = new SecretScanner("image api", known);
    scanner.scan(path, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    return scanner.findings();
  }
}
