package io.github.ghcrtools.core.reactor;

import java.util.Properties;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;

/**
 * The line a skipped goal logs, naming where its {@code skip} came from: a user who finds a goal
 * skipped must be sent to the setting that did it, not to a property nobody set.
 */
public final class SkipNotice {

  private SkipNotice() {}

  /**
   * @param goal as the user knows it ({@code ghcr:push})
   * @param property the skip parameter's user property ({@code ghcr.push.skip})
   * @return {@code Skipping ghcr:push (-Dghcr.push.skip=true)}, or the POM's property or the
   *     plugin's {@code <configuration>}, whichever set it
   */
  public static String line(String goal, String property, MavenSession session) {
    return "Skipping " + goal + " (" + cause(property, session) + ")";
  }

  /** In the order Maven reads {@code ${property}}: user, then system, then the POM's properties. */
  static String cause(String property, MavenSession session) {
    MavenProject project = session == null ? null : session.getCurrentProject();
    if (session != null && isTrue(session.getUserProperties(), property)) {
      return "-D" + property + "=true";
    }
    if (session != null && isTrue(session.getSystemProperties(), property)) {
      return "system property " + property + "=true";
    }
    if (project != null && isTrue(project.getProperties(), property)) {
      return property + "=true in the POM's <properties>";
    }
    return "<skip>true</skip> in the plugin's <configuration>";
  }

  private static boolean isTrue(Properties properties, String key) {
    return properties != null && Boolean.parseBoolean(properties.getProperty(key));
  }
}
