package io.github.ghcrtools.core.reactor;

import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * The line a skipped goal logs, naming the setting that skipped it: a user who finds a goal skipped
 * must be sent to what did it, not to a property nobody set. Maven takes the value the POM writes
 * in the goal's configuration; only when that is the goal's own expression ({@code
 * ${ghcr.push.skip}}, also what Maven fills in when the POM writes nothing) does it read the
 * property, from the first of the user properties ({@code -D}), the system properties and the
 * build's properties (the POM's and active profiles') that defines it.
 */
public final class SkipNotice {

  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]+)}");

  private SkipNotice() {}

  /**
   * @param goal as the user knows it ({@code ghcr:push})
   * @param parameter the goal's skip parameter ({@code skip})
   * @param execution the running goal, whose configuration Maven has merged
   * @return e.g. {@code Skipping ghcr:push (-Dghcr.push.skip=true)}, or {@code (<skip> in the POM:
   *     true)}
   */
  public static String line(
      String goal, String parameter, MojoExecution execution, MavenSession session) {
    return "Skipping " + goal + " (" + cause(parameter, execution, session) + ")";
  }

  static String cause(String parameter, MojoExecution execution, MavenSession session) {
    String element = "<" + parameter + ">";
    String end = "</" + parameter + ">";
    String configured = configured(execution, parameter);
    if (configured == null) {
      return element + "true" + end;
    }
    Matcher expression = EXPRESSION.matcher(configured);
    if (!expression.matches()) {
      // Maven has already put the POM's own ${...} in: say what it came to, not how it is written
      return element + " in the POM: " + configured;
    }
    String property = expression.group(1);
    String value;
    if ((value = defined(session == null ? null : session.getUserProperties(), property)) != null) {
      return "-D" + property + "=" + value;
    }
    if ((value = defined(session == null ? null : session.getSystemProperties(), property))
        != null) {
      return "system property " + property + "=" + value;
    }
    MavenProject project = session == null ? null : session.getCurrentProject();
    if ((value = defined(project == null ? null : project.getProperties(), property)) != null) {
      return property + "=" + value + " in the build's <properties>";
    }
    return element + configured + end;
  }

  private static String configured(MojoExecution execution, String parameter) {
    Xpp3Dom configuration = execution == null ? null : execution.getConfiguration();
    Xpp3Dom child = configuration == null ? null : configuration.getChild(parameter);
    String value = child == null ? null : child.getValue();
    return value == null ? null : value.trim();
  }

  private static String defined(Properties properties, String key) {
    return properties == null ? null : properties.getProperty(key);
  }
}
