package io.github.ghcrtools.core.reactor;

import java.util.Map;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Whether a project publishes with a plugin. A goal named on the command line ({@code mvn
 * ghcr:promote helm-oci:promote}) runs in every project of the reactor, the parent POM and the
 * other plugin's modules included; a promotion acts only in the projects that push, the ones whose
 * release it moves.
 */
public final class PluginUse {

  private PluginUse() {}

  /**
   * True when {@code project} runs the {@code push} goal of the plugin {@code groupId:artifactId}:
   * an execution under {@code <build><plugins>} (its own or inherited) lists it; {@code
   * pluginManagement} alone does not count, nor an execution turned off with {@code
   * <phase>none</phase>}. True when either is unknown (a goal run without a project).
   */
  public static boolean pushes(MavenProject project, String pluginKey) {
    return project == null
        || pluginKey == null
        || project.getBuildPlugins().stream()
            .filter(p -> p.getKey().equals(pluginKey))
            .flatMap(p -> p.getExecutions().stream())
            .anyMatch(PluginUse::bindsPush);
  }

  /**
   * The value {@code project}'s POM gives the push goal's {@code parameter}: from the first push
   * execution bound in the POM (Maven merges the plugin's configuration into it, the execution's
   * winning), else, for a push named on the command line, from the {@code default-cli} execution or
   * the plugin's configuration. A value that is one property ({@code ${name}}) is looked up in
   * {@code properties}. Empty when the POM leaves the parameter to its property or default, or
   * gives it any other expression. With several push executions only the first is read: a later one
   * that differs only loses the push its token fetched ahead, or fetches one it does not use.
   */
  public static Optional<String> pushParameter(
      MavenProject project, String pluginKey, String parameter, Map<String, String> properties) {
    if (project == null || pluginKey == null) {
      return Optional.empty();
    }
    for (Plugin plugin : project.getBuildPlugins()) {
      if (!plugin.getKey().equals(pluginKey)) {
        continue;
      }
      PluginExecution push =
          plugin.getExecutions().stream()
              .filter(PluginUse::bindsPush)
              .findFirst()
              .or(
                  () ->
                      plugin.getExecutions().stream()
                          .filter(e -> "default-cli".equals(e.getId()))
                          .findFirst())
              .orElse(null);
      if (push != null && sets(push.getConfiguration(), parameter)) {
        return literal(push.getConfiguration(), parameter, properties);
      }
      return literal(plugin.getConfiguration(), parameter, properties);
    }
    return Optional.empty();
  }

  /** An execution that runs the push: it lists the goal and is not turned off ({@code none}). */
  private static boolean bindsPush(PluginExecution execution) {
    return !"none".equals(execution.getPhase()) && execution.getGoals().contains("push");
  }

  private static boolean sets(Object configuration, String parameter) {
    return configuration instanceof Xpp3Dom dom && dom.getChild(parameter) != null;
  }

  private static Optional<String> literal(
      Object configuration, String parameter, Map<String, String> properties) {
    if (!sets(configuration, parameter)) {
      return Optional.empty();
    }
    String value = ((Xpp3Dom) configuration).getChild(parameter).getValue();
    if (value == null) {
      return Optional.empty();
    }
    String trimmed = value.strip();
    if (trimmed.startsWith("${") && trimmed.endsWith("}") && trimmed.indexOf('$', 1) < 0) {
      return Optional.ofNullable(properties.get(trimmed.substring(2, trimmed.length() - 1)));
    }
    return trimmed.contains("${") ? Optional.empty() : Optional.of(trimmed);
  }

  /**
   * True when this run publishes (it reaches {@code deploy}, or names a push, artifact or promote
   * goal): what checks a release must then wait for the end of the reactor, after the publish.
   */
  public static boolean runPublishes(MavenSession session) {
    return session.getGoals().stream()
        .anyMatch(
            g ->
                g.equals("deploy")
                    || g.endsWith(":push")
                    || g.endsWith(":artifact")
                    || g.endsWith(":promote"));
  }
}
