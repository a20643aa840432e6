package io.github.ghcrtools.core.reactor;

import org.apache.maven.project.MavenProject;

/**
 * Whether a project's build uses a plugin. A goal named on the command line ({@code mvn
 * ghcr:promote helm-oci:promote}) runs in every project of the reactor, the parent POM and the
 * other plugin's modules included; a promotion acts only where the plugin is part of the build, as
 * the projects that pushed.
 */
public final class PluginUse {

  private PluginUse() {}

  /**
   * True when {@code project} lists the plugin {@code groupId:artifactId} under {@code
   * <build><plugins>} (its own or inherited); {@code pluginManagement} alone does not count. True
   * when either is unknown (a goal run without a project).
   */
  public static boolean declares(MavenProject project, String pluginKey) {
    return project == null
        || pluginKey == null
        || project.getBuildPlugins().stream().anyMatch(p -> p.getKey().equals(pluginKey));
  }
}
