package io.github.ghcrtools.core.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Properties;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;

/** Each case is a configuration Maven would resolve to skip = true, and the setting that did it. */
class SkipNoticeTest {

  private static final String PROPERTY = "ghcr.push.skip";
  private static final String OWN_EXPRESSION = "${ghcr.push.skip}";

  @Test
  void aCommandLinePropertyIsNamedAsTyped() {
    assertEquals(
        "Skipping ghcr:push (-Dghcr.push.skip=true)",
        SkipNotice.line(
            "ghcr:push", "skip", execution("skip", OWN_EXPRESSION), session(props("true"), null)));
  }

  @Test
  void thePomsLiteralWinsOverATrueProperty() {
    assertEquals(
        "Skipping ghcr:push (<skip> in the POM: true)",
        SkipNotice.line(
            "ghcr:push", "skip", execution("skip", "true"), session(props("true"), null)));
  }

  @Test
  void theFirstLayerThatDefinesThePropertyIsTheCause() {
    // -D...=false on the command line hides a true system property: Maven would not skip, and
    // a true POM property under a user property that is set is not the cause either
    MavenSession session = session(props("TRUE"), pom(props("false")));
    session.getRequest().setSystemProperties(props("false"));
    assertEquals(
        "-Dghcr.push.skip=TRUE",
        SkipNotice.cause("skip", execution("skip", OWN_EXPRESSION), session));
    MavenSession fromSystem = session(new Properties(), pom(props("false")));
    fromSystem.getRequest().setSystemProperties(props("true"));
    assertEquals(
        "system property ghcr.push.skip=true",
        SkipNotice.cause("skip", execution("skip", OWN_EXPRESSION), fromSystem));
  }

  @Test
  void theBuildsPropertiesAreNamedWhenNothingElseDefinesIt() {
    assertEquals(
        "Skipping ghcr:push (ghcr.push.skip=true in the build's <properties>)",
        SkipNotice.line(
            "ghcr:push",
            "skip",
            execution("skip", OWN_EXPRESSION),
            session(new Properties(), pom(props("true")))));
  }

  @Test
  void anotherExpressionIsFollowedToWhereItIsSet() {
    Properties releaseSkip = new Properties();
    releaseSkip.setProperty("release.skip", "true");
    assertEquals(
        "release.skip=true in the build's <properties>",
        SkipNotice.cause(
            "skip",
            execution("skip", "${release.skip}"),
            session(props("true"), pom(releaseSkip))));
    assertEquals(
        "<skip>${release.skip}</skip>",
        SkipNotice.cause(
            "skip", execution("skip", "${release.skip}"), session(props("true"), null)));
  }

  @Test
  void theParameterIsNamedAsTheGoalSpellsIt() {
    assertEquals(
        "Skipping helm-oci:promote (<skipPromote> in the POM: true)",
        SkipNotice.line(
            "helm-oci:promote",
            "skipPromote",
            execution("skipPromote", " true "),
            session(new Properties(), null)));
    assertEquals("<skipPromote>true</skipPromote>", SkipNotice.cause("skipPromote", null, null));
  }

  private static Properties props(String value) {
    Properties properties = new Properties();
    properties.setProperty(PROPERTY, value);
    return properties;
  }

  private static MojoExecution execution(String parameter, String value) {
    Xpp3Dom configuration = new Xpp3Dom("configuration");
    Xpp3Dom child = new Xpp3Dom(parameter);
    child.setValue(value);
    configuration.addChild(child);
    MojoExecution execution = new MojoExecution(new MojoDescriptor());
    execution.setConfiguration(configuration);
    return execution;
  }

  private static MavenProject pom(Properties properties) {
    Model model = new Model();
    model.setProperties(properties);
    return new MavenProject(model);
  }

  @SuppressWarnings("deprecation")
  private static MavenSession session(Properties user, MavenProject project) {
    MavenExecutionRequest request = new DefaultMavenExecutionRequest();
    request.setUserProperties(user);
    request.setSystemProperties(new Properties());
    MavenSession session = new MavenSession(null, request, null, List.of());
    session.setCurrentProject(project);
    return session;
  }
}
