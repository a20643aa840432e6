package io.github.ghcrtools.helm.oci;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Mojo's own wiring: skip, and failures as build failures with the service's message. */
class PushMojoTest {

  @TempDir Path project;

  private PushMojo mojo() {
    PushMojo mojo = new PushMojo();
    mojo.baseDirectory = project.toFile();
    mojo.buildDirectory = project.resolve("target").toFile();
    mojo.chartName = "app";
    mojo.chartsPrefix = "charts";
    mojo.outputTimestamp = "2026-01-01T00:00:00Z";
    org.apache.maven.model.Model model = new org.apache.maven.model.Model();
    model.setGroupId("it.sample");
    model.setArtifactId("app");
    mojo.project = new org.apache.maven.project.MavenProject(model);
    return mojo;
  }

  @Test
  void skipDoesNothing() throws Exception {
    PushMojo mojo = mojo();
    mojo.skip = true;

    mojo.execute();

    assertFalse(Files.exists(project.resolve("target")));
  }

  @Test
  void aMissingPackageFailsTheBuildAskingForPackage() {
    MojoFailureException e = assertThrows(MojoFailureException.class, () -> mojo().execute());

    assertTrue(e.getMessage().contains("run helm-oci:package first"), e.getMessage());
  }

  @Test
  void theChartDirectoryNamesTheChartAsInPackage() {
    PushMojo mojo = mojo();
    mojo.chartDirectory = project.resolve("deploy/web").toFile();

    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

    assertTrue(e.getMessage().startsWith("Chart 'web' has not been packaged"), e.getMessage());
  }

  @Test
  void aBadOutputTimestampFailsTheBuild() {
    PushMojo mojo = mojo();
    mojo.outputTimestamp = "soon";

    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

    assertTrue(e.getMessage().startsWith("Parameter 'outputTimestamp'"), e.getMessage());
  }
}
