package io.github.ghcrtools.helm.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.helm.oci.packaging.SampleChart;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Mojo's own wiring: defaults, skip, overrides, failures as build failures. */
class PackageMojoTest {

  @TempDir Path project;

  private PackageMojo mojo(String chartName) {
    PackageMojo mojo = new PackageMojo();
    mojo.baseDirectory = project.toFile();
    mojo.buildDirectory = project.resolve("target").toFile();
    mojo.outputDirectory = project.resolve("target/helm").toFile();
    mojo.chartName = chartName;
    mojo.outputTimestamp = "2026-01-01T00:00:00Z";
    mojo.environment = Map.of();
    return mojo;
  }

  @Test
  void packagesTheChartUnderSrcMainHelmByDefault() throws Exception {
    SampleChart.create(project.resolve("src/main/helm"), "app");
    PackageMojo mojo = mojo("app");
    mojo.version = "1.2.3-SNAPSHOT";

    mojo.execute();

    assertTrue(Files.isRegularFile(project.resolve("target/helm/app-1.2.3-SNAPSHOT.tgz")));
    assertTrue(
        Files.isRegularFile(project.resolve("target/ghcr-publish/build/chart-app.build.json")));
  }

  @Test
  void inGitHubActionsASnapshotIsPackagedUnderAUniqueVersionAndSaysSo() throws Exception {
    SampleChart.create(project.resolve("src/main/helm"), "app");
    PackageMojo mojo = mojo("app");
    mojo.version = "0.2.0-SNAPSHOT";
    mojo.environment =
        Map.of(
            "GITHUB_ACTIONS",
            "true",
            "GITHUB_EVENT_NAME",
            "push",
            "GITHUB_REF_TYPE",
            "branch",
            "GITHUB_REF_NAME",
            "main",
            "GITHUB_SHA",
            "0123456789abcdef0123456789abcdef01234567");
    List<String> info = new ArrayList<>();
    mojo.setLog(
        new SystemStreamLog() {
          @Override
          public void info(CharSequence content) {
            info.add(content.toString());
          }
        });

    mojo.execute();

    assertTrue(Files.isRegularFile(project.resolve("target/helm/app-0.2.0-main.g0123456.tgz")));
    assertFalse(Files.exists(project.resolve("target/helm/app-0.2.0-SNAPSHOT.tgz")));
    assertTrue(
        Files.readString(project.resolve("target/ghcr-publish/build/chart-app.build.json"))
            .contains("\"target/helm/app-0.2.0-main.g0123456.tgz\""));
    assertEquals(
        "Chart version 0.2.0-SNAPSHOT is a snapshot: packaged as 0.2.0-main.g0123456 (branch main, commit"
            + " 0123456)",
        info.get(0));
    assertTrue(
        info.get(1)
            .startsWith(
                "Packaged chart app 0.2.0-main.g0123456 -> target/helm/app-0.2.0-main.g0123456.tgz"),
        info.get(1));
  }

  @Test
  void honoursAnExplicitChartDirectory() throws Exception {
    Path dir = SampleChart.create(project.resolve("deploy"), "web");
    PackageMojo mojo = mojo("ignored-name");
    mojo.chartDirectory = dir.toFile();

    mojo.execute();

    assertTrue(Files.isRegularFile(project.resolve("target/helm/web-0.1.0.tgz")));
  }

  @Test
  void thePackageIsAttachedToAPomProjectBesideItsPom() throws Exception {
    SampleChart.create(project.resolve("src/main/helm"), "app");
    PackageMojo mojo = mojo("app");
    mojo.project = mavenProject("pom");
    mojo.projectHelper = new AttachingHelper();

    mojo.execute();

    Artifact main = mojo.project.getArtifact();
    assertEquals("pom", main.getType());
    assertEquals(null, main.getFile(), "the POM stays the main artifact");
    assertEquals(1, mojo.project.getAttachedArtifacts().size());
    Artifact chart = mojo.project.getAttachedArtifacts().get(0);
    assertEquals("tgz", chart.getType());
    assertEquals("tgz", chart.getArtifactHandler().getExtension());
    assertFalse(chart.hasClassifier(), "no classifier: the chart is g:a:tgz:v");
    assertEquals(project.resolve("target/helm/app-0.1.0.tgz").toFile(), chart.getFile());
  }

  @Test
  void aJarProjectKeepsItsJarAndGetsTheChartAttached() throws Exception {
    SampleChart.create(project.resolve("src/main/helm"), "app");
    PackageMojo mojo = mojo("app");
    mojo.project = mavenProject("jar");
    File jar = Files.writeString(project.resolve("app.jar"), "jar").toFile();
    mojo.project.getArtifact().setFile(jar);
    mojo.projectHelper = new AttachingHelper();

    mojo.execute();

    assertEquals(jar, mojo.project.getArtifact().getFile());
    assertEquals(
        List.of("tgz"),
        mojo.project.getAttachedArtifacts().stream().map(Artifact::getType).toList());
  }

  @Test
  void attachFalseAttachesNothing() throws Exception {
    SampleChart.create(project.resolve("src/main/helm"), "app");
    PackageMojo mojo = mojo("app");
    mojo.project = mavenProject("pom");
    mojo.projectHelper = new AttachingHelper();
    mojo.attach = false;

    mojo.execute();

    assertEquals(List.of(), mojo.project.getAttachedArtifacts());
    assertTrue(Files.isRegularFile(project.resolve("target/helm/app-0.1.0.tgz")));
  }

  private static MavenProject mavenProject(String packaging) {
    MavenProject maven = new MavenProject();
    maven.setGroupId("g");
    maven.setArtifactId("app");
    maven.setVersion("0.1.0");
    maven.setPackaging(packaging);
    maven.setArtifact(
        new DefaultArtifact(
            "g", "app", "0.1.0", null, packaging, null, new DefaultArtifactHandler(packaging)));
    return maven;
  }

  /** What Maven's own helper does with an artifact of a type it has no handler for. */
  private static final class AttachingHelper implements MavenProjectHelper {
    @Override
    @SuppressWarnings("deprecation") // what DefaultMavenProjectHelper itself calls in Maven 3.9
    public void attachArtifact(MavenProject project, String type, String classifier, File file) {
      DefaultArtifact artifact =
          new DefaultArtifact(
              project.getGroupId(),
              project.getArtifactId(),
              project.getVersion(),
              null,
              type,
              classifier,
              new DefaultArtifactHandler(type));
      artifact.setFile(file);
      project.addAttachedArtifact(artifact);
    }

    @Override
    public void attachArtifact(MavenProject project, String type, File file) {
      attachArtifact(project, type, null, file);
    }

    @Override
    public void attachArtifact(MavenProject project, File file, String classifier) {
      throw new AssertionError("the chart is attached by type, without classifier");
    }

    @Override
    public void addResource(MavenProject p, String d, List<String> i, List<String> e) {}

    @Override
    public void addTestResource(MavenProject p, String d, List<String> i, List<String> e) {}
  }

  @Test
  void skipWritesNothing() throws Exception {
    SampleChart.create(project.resolve("src/main/helm"), "app");
    PackageMojo mojo = mojo("app");
    mojo.skip = true;

    mojo.execute();

    assertFalse(Files.exists(project.resolve("target")));
  }

  @Test
  void anInvalidChartFailsTheBuildWithTheValidatorsMessage() {
    Path dir = SampleChart.create(project.resolve("src/main/helm"), "app");
    SampleChart.write(dir, "Chart.yaml", "apiVersion: v2\nname: app\nversion: latest\n");

    MojoFailureException e = assertThrows(MojoFailureException.class, () -> mojo("app").execute());

    assertTrue(
        e.getMessage()
            .startsWith("Chart.yaml field 'version' is 'latest', not a strict SemVer 2 version"),
        e.getMessage());
  }

  @Test
  void aBadOutputTimestampFailsTheBuild() {
    SampleChart.create(project.resolve("src/main/helm"), "app");
    PackageMojo mojo = mojo("app");
    mojo.outputTimestamp = "soon";

    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

    assertEquals(
        "Parameter 'outputTimestamp' (helm-oci.outputTimestamp, default project.build.outputTimestamp) is"
            + " 'soon': expected ISO-8601 such as 2026-01-01T00:00:00Z or seconds since the epoch. Fix"
            + " -Dhelm-oci.outputTimestamp or <project.build.outputTimestamp> in the POM.",
        e.getMessage());
  }
}
