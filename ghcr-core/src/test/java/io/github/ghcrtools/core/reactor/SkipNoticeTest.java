package io.github.ghcrtools.core.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Properties;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Model;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;

class SkipNoticeTest {

  private static final String PROPERTY = "ghcr.push.skip";

  @Test
  void aCommandLinePropertyIsNamedAsTyped() {
    assertEquals(
        "Skipping ghcr:push (-Dghcr.push.skip=true)",
        SkipNotice.line("ghcr:push", PROPERTY, session(props(PROPERTY), new Properties(), null)));
  }

  @Test
  void aSystemPropertyComesNextAsMavenReadsThem() {
    assertEquals(
        "system property ghcr.push.skip=true",
        SkipNotice.cause(
            PROPERTY, session(new Properties(), props(PROPERTY), pom(props(PROPERTY)))));
  }

  @Test
  void thePomsPropertiesAreNamedWhenNothingElseSetIt() {
    MavenSession session = session(new Properties(), new Properties(), pom(props(PROPERTY)));
    assertEquals(
        "Skipping ghcr:push (ghcr.push.skip=true in the POM's <properties>)",
        SkipNotice.line("ghcr:push", PROPERTY, session));
  }

  @Test
  void otherwiseThePluginsConfigurationSkippedIt() {
    Properties falseOnTheCommandLine = new Properties();
    falseOnTheCommandLine.setProperty(PROPERTY, "false");
    MavenSession session = session(falseOnTheCommandLine, new Properties(), pom(new Properties()));
    assertEquals(
        "Skipping ghcr:push (<skip>true</skip> in the plugin's <configuration>)",
        SkipNotice.line("ghcr:push", PROPERTY, session));
    assertEquals(
        "Skipping ghcr:push (<skip>true</skip> in the plugin's <configuration>)",
        SkipNotice.line("ghcr:push", PROPERTY, null));
  }

  private static Properties props(String trueKey) {
    Properties properties = new Properties();
    properties.setProperty(trueKey, "true");
    return properties;
  }

  private static MavenProject pom(Properties properties) {
    Model model = new Model();
    model.setProperties(properties);
    return new MavenProject(model);
  }

  @SuppressWarnings("deprecation")
  private static MavenSession session(Properties user, Properties system, MavenProject project) {
    MavenExecutionRequest request = new DefaultMavenExecutionRequest();
    request.setUserProperties(user);
    request.setSystemProperties(system);
    MavenSession session = new MavenSession(null, request, null, java.util.List.of());
    session.setCurrentProject(project);
    return session;
  }
}
