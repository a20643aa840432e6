package io.github.ghcrtools.helm.oci.packaging;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.failure.UserError;
import io.github.ghcrtools.core.scan.KnownSecrets;
import io.github.ghcrtools.core.scan.ScanSettings;
import io.github.ghcrtools.core.scan.SecretsFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartSecretScanTest {

  /** Put together at run time, so the test source holds no token-shaped literal. */
  private static final String TOKEN = "gh" + "p_" + "aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xYZzZz";

  @TempDir Path project;
  private final List<String> warnings = new ArrayList<>();
  private final List<String> infos = new ArrayList<>();

  @Test
  void aTokenInATemplateIsShownAtItsPathInThePackage() {
    Path chart = SampleChart.create(project.resolve("src/main/helm"), "app");
    SampleChart.write(
        chart, "templates/secret.yaml", "kind: Secret\ndata:\n  token: " + TOKEN + "\n");

    SecretsFoundException e =
        assertThrows(SecretsFoundException.class, () -> checkDirectory(chart, "fail", List.of()));

    assertTrue(
        e.getMessage().startsWith("Secret scan: chart app would ship a secret"), e.getMessage());
    assertTrue(
        e.getMessage().contains("\n  app/templates/secret.yaml:3  github-token  ghp_...  sha256:"),
        e.getMessage());
    assertTrue(e.getMessage().contains("-Dhelm-oci.secretScanAllowlist=sha256:"), e.getMessage());
    assertFalse(e.getMessage().contains(TOKEN));
  }

  @Test
  void aCleanChartAFileInHelmignoreAndAnAllowlistedGlobPass() {
    Path chart = SampleChart.create(project.resolve("src/main/helm"), "app");
    assertDoesNotThrow(() -> checkDirectory(chart, "fail", List.of()));

    SampleChart.write(chart, ".helmignore", "notes/\n");
    SampleChart.write(chart, "notes/token.txt", TOKEN);
    SampleChart.write(chart, "files/test-token.txt", TOKEN);
    assertDoesNotThrow(() -> checkDirectory(chart, "fail", List.of("app/files/test-*.txt")));
    assertTrue(infos.get(0).contains("1 finding(s) allowlisted by helm-oci.secretScanAllowlist"));
  }

  @Test
  void warnModeLogsEachFindingAndGoesOn() throws IOException {
    Path chart = SampleChart.create(project.resolve("src/main/helm"), "app");
    SampleChart.write(
        chart, "values.yaml", "replicaCount: 1\nnpmToken: np" + "m_" + "a".repeat(36) + "\n");

    checkDirectory(chart, "warn", List.of());

    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).contains("app/values.yaml:2  npm-token  npm_..."), warnings.get(0));
  }

  @Test
  void aLinkToAFileOutsideTheChartIsRefusedEvenWithTheScanOff() throws IOException {
    Path chart = SampleChart.create(project.resolve("src/main/helm"), "app");
    Path outside = Files.writeString(project.resolve("kubeconfig"), "x");
    Files.createSymbolicLink(chart.resolve("templates/kubeconfig.yaml"), outside);

    UserError e = assertThrows(UserError.class, () -> checkDirectory(chart, "off", List.of()));

    assertTrue(
        e.getMessage()
            .startsWith(
                "Chart directory src/main/helm/app: templates/kubeconfig.yaml is a symbolic link to "
                    + outside.toRealPath()
                    + ", outside that directory"),
        e.getMessage());
    assertEquals(Optional.of("chartDirectory"), e.parameter());
  }

  @Test
  void aLinkInsideTheChartOrListedInHelmignoreIsFine() throws IOException {
    Path chart = SampleChart.create(project.resolve("src/main/helm"), "app");
    Files.createSymbolicLink(chart.resolve("templates/copy.yaml"), Path.of("deployment.yaml"));
    Files.createSymbolicLink(chart.resolve("elsewhere"), project);
    SampleChart.write(chart, ".helmignore", "elsewhere\n");

    assertDoesNotThrow(() -> checkDirectory(chart, "fail", List.of()));
  }

  @Test
  void pushScansThePackagedArchiveWithTheKnownSecretsOfTheBuild() throws IOException {
    Path chart = SampleChart.create(project.resolve("src/main/helm"), "app");
    String buildToken = "token-of-this-build-123";
    SampleChart.write(
        chart, "templates/cm.yaml", "kind: ConfigMap\ndata:\n  t: " + buildToken + "\n");
    ChartPackager.pack(SampleChart.request(project, chart));
    KnownSecrets known = KnownSecrets.of(Map.of("GHCR_TOKEN", buildToken), Optional.empty());

    SecretsFoundException e =
        assertThrows(
            SecretsFoundException.class,
            () ->
                ChartSecretScan.checkPackage(
                    project,
                    project.resolve("target/ghcr-publish/build"),
                    "app",
                    ScanSettings.parse("fail", List.of(), "helm-oci"),
                    known,
                    warnings::add,
                    infos::add));

    assertTrue(
        e.getMessage()
            .contains("\n  app/templates/cm.yaml:3  known-secret (env GHCR_TOKEN)  toke..."),
        e.getMessage());
    assertFalse(e.getMessage().contains(buildToken));
    assertDoesNotThrow(
        () ->
            ChartSecretScan.checkPackage(
                project,
                project.resolve("target/ghcr-publish/build"),
                "missing",
                ScanSettings.parse("fail", List.of(), "helm-oci"),
                known,
                warnings::add,
                infos::add));
  }

  private void checkDirectory(Path chart, String mode, List<String> allowlist) throws IOException {
    ChartSecretScan.checkDirectory(
        SampleChart.request(project, chart),
        project.relativize(chart).toString(),
        ScanSettings.parse(mode, allowlist, "helm-oci"),
        KnownSecrets.none(),
        warnings::add,
        infos::add);
  }
}
