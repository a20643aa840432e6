package io.github.ghcrtools.core.reactor;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;

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
            .filter(e -> !"none".equals(e.getPhase()))
            .anyMatch(e -> e.getGoals().contains("push"));
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
