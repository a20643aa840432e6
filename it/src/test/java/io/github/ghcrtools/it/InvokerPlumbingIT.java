package io.github.ghcrtools.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.it.maven.MavenResult;
import io.github.ghcrtools.it.maven.MavenRun;
import io.github.ghcrtools.it.maven.SampleProject;
import org.junit.jupiter.api.Test;

/**
 * The sample builds resolve this reactor's three plugins, offline from the network, and run them.
 */
class InvokerPlumbingIT {

  @Test
  void sampleBuildRunsThePluginsOfThisBuild() {
    MavenResult result =
        MavenRun.of(SampleProject.copyOf("plugins-resolve")).goals("validate").run();

    assertTrue(result.succeeded(), result.describe());
    for (String prefix : new String[] {"ghcr", "helm-oci", "deploy-signal"}) {
      String execution =
          "--- " + prefix + ":" + System.getProperty("it.projectVersion") + ":help (help)";
      assertTrue(result.log().contains(execution), execution + " missing: " + result.describe());
    }
    assertFalse(result.log().contains("Checksum validation failed"), result.describe());
  }
}
