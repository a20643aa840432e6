package io.github.ghcrtools.core.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;

class PluginUseTest {

  private static final String KEY = "io.github.ghcrtools:ghcr-publish-maven-plugin";

  /** A project whose POM binds the plugin's goals in one execution, in {@code phase} if given. */
  private static MavenProject binding(String phase, String... goals) {
    PluginExecution execution = new PluginExecution();
    execution.setId("image");
    execution.setPhase(phase);
    for (String goal : goals) {
      execution.addGoal(goal);
    }
    Plugin plugin = new Plugin();
    plugin.setGroupId("io.github.ghcrtools");
    plugin.setArtifactId("ghcr-publish-maven-plugin");
    plugin.addExecution(execution);
    Model model = new Model();
    model.setBuild(new Build());
    model.getBuild().addPlugin(plugin);
    return new MavenProject(model);
  }

  @Test
  void aProjectPushesWhenAnExecutionBindsPushUnlessItIsTurnedOff() {
    assertTrue(PluginUse.pushes(binding(null, "build", "push"), KEY));
    assertTrue(PluginUse.pushes(binding("deploy", "push"), KEY));
    assertFalse(PluginUse.pushes(binding(null, "build"), KEY), "build only");
    assertFalse(
        PluginUse.pushes(binding("none", "build", "push"), KEY),
        "an inherited execution turned off with <phase>none</phase>");
    assertFalse(
        PluginUse.pushes(binding(null, "push"), "io.github.ghcrtools:helm-oci-maven-plugin"),
        "another plugin's push");
  }

  private static Xpp3Dom configuration(String name, String value) {
    Xpp3Dom configuration = new Xpp3Dom("configuration");
    Xpp3Dom child = new Xpp3Dom(name);
    child.setValue(value);
    configuration.addChild(child);
    return configuration;
  }

  @Test
  void thePushsParametersComeFromItsExecutionElseFromThePlugin() {
    MavenProject project = binding(null, "build", "push");
    Plugin plugin = project.getBuildPlugins().get(0);
    Map<String, String> properties = Map.of("release.skip", "true");

    assertEquals(Optional.empty(), PluginUse.pushParameter(project, KEY, "skip", properties));
    plugin.setConfiguration(configuration("skip", "false"));
    assertEquals(Optional.of("false"), PluginUse.pushParameter(project, KEY, "skip", properties));
    plugin.getExecutions().get(0).setConfiguration(configuration("skip", " true "));
    assertEquals(
        Optional.of("true"),
        PluginUse.pushParameter(project, KEY, "skip", properties),
        "the execution's value wins");
    plugin.getExecutions().get(0).setConfiguration(configuration("skip", "${release.skip}"));
    assertEquals(
        Optional.of("true"),
        PluginUse.pushParameter(project, KEY, "skip", properties),
        "one property, looked up");
    plugin.getExecutions().get(0).setConfiguration(configuration("skip", "${a}${b}"));
    assertEquals(
        Optional.empty(),
        PluginUse.pushParameter(project, KEY, "skip", properties),
        "any other expression is unknown");
    assertEquals(
        Optional.empty(),
        PluginUse.pushParameter(
            project, "io.github.ghcrtools:helm-oci-maven-plugin", "skip", properties),
        "another plugin");
  }

  @Test
  void aPushNamedOnTheCommandLineReadsThePluginsConfiguration() {
    MavenProject project = binding(null, "build");
    Plugin plugin = project.getBuildPlugins().get(0);
    plugin.setConfiguration(configuration("sign", "true"));
    Map<String, String> properties = Map.of();

    assertEquals(
        Optional.of("true"),
        PluginUse.pushParameter(project, KEY, "sign", properties),
        "no push bound: ghcr:push on the command line takes the plugin's configuration");
    PluginExecution cli = new PluginExecution();
    cli.setId("default-cli");
    cli.setConfiguration(configuration("sign", "false"));
    plugin.addExecution(cli);
    assertEquals(
        Optional.of("false"),
        PluginUse.pushParameter(project, KEY, "sign", properties),
        "the default-cli execution's over the plugin's");
    plugin.getExecutions().get(0).setPhase("none");
    plugin.getExecutions().get(0).addGoal("push");
    assertEquals(
        Optional.of("false"),
        PluginUse.pushParameter(project, KEY, "sign", properties),
        "a push execution turned off is not the push");
  }
}
