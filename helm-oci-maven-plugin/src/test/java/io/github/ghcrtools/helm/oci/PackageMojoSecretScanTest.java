package io.github.ghcrtools.helm.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.helm.oci.packaging.SampleChart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secret scan's wiring in package and push: parameters checked, a finding fails the goal. */
class PackageMojoSecretScanTest {

  @TempDir Path project;

  private PackageMojo mojo() {
    SampleChart.create(project.resolve("src/main/helm"), "app");
    PackageMojo mojo = new PackageMojo();
    mojo.baseDirectory = project.toFile();
    mojo.buildDirectory = project.resolve("target").toFile();
    mojo.outputDirectory = project.resolve("target/helm").toFile();
    mojo.chartName = "app";
    mojo.outputTimestamp = "2026-01-01T00:00:00Z";
    mojo.environment = Map.of("GHCR_TOKEN", "the-token-of-this-build");
    return mojo;
  }

  @Test
  void aBadSecretScanValueFailsNamingTheParameterAndItsProperty() {
    PackageMojo mojo = mojo();
    mojo.secretScan = "strict";

    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

    assertEquals(
        "Parameter 'secretScan' (-Dhelm-oci.secretScan) is 'strict': write fail (the default),"
            + " warn or off.",
        e.getMessage());
  }

  @Test
  void theTokenOfTheBuildInAChartFailsThePackageAndNothingIsWritten() throws Exception {
    PackageMojo mojo = mojo();
    SampleChart.write(
        project.resolve("src/main/helm/app"),
        "templates/cm.yaml",
        "kind: ConfigMap\ndata:\n  token: the-token-of-this-build\n");

    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

    assertTrue(
        e.getMessage().contains("app/templates/cm.yaml:3  known-secret (env GHCR_TOKEN)"),
        e.getMessage());
    assertFalse(e.getMessage().contains("the-token-of-this-build"));
    assertFalse(Files.exists(project.resolve("target/helm")));
  }

  @Test
  void offPackagesItAnyway() throws Exception {
    PackageMojo mojo = mojo();
    mojo.secretScan = "off";
    SampleChart.write(
        project.resolve("src/main/helm/app"), "templates/cm.yaml", "t: the-token-of-this-build\n");

    mojo.execute();

    assertTrue(Files.isRegularFile(project.resolve("target/helm/app-0.1.0.tgz")));
  }
}
