package io.github.ghcrtools.it.maven;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.shared.invoker.DefaultInvocationRequest;
import org.apache.maven.shared.invoker.DefaultInvoker;
import org.apache.maven.shared.invoker.InvocationRequest;
import org.apache.maven.shared.invoker.MavenInvocationException;

/**
 * One real Maven build of a sample project, the way a user runs it, with this reactor's plugins
 * taken from {@code target/it-repo}. The child gets a clean environment: only what the test sets
 * (the GitHub Actions variables of the scenario, tokens) plus PATH and HOME, so a run on a real
 * GitHub runner cannot leak the runner's own GITHUB_* variables into a scenario.
 */
public final class MavenRun {

  private static final int TIMEOUT_SECONDS = 600;

  private final SampleProject project;
  private final List<String> goals = new ArrayList<>();
  private final Map<String, String> properties = new LinkedHashMap<>();
  private final Map<String, String> environment = new LinkedHashMap<>();
  private final List<String> args = new ArrayList<>();
  private String mavenOpts = "";

  private MavenRun(SampleProject project) {
    this.project = project;
  }

  public static MavenRun of(SampleProject project) {
    return new MavenRun(project);
  }

  public MavenRun goals(String... goals) {
    this.goals.addAll(List.of(goals));
    return this;
  }

  public MavenRun property(String key, String value) {
    properties.put(key, value);
    return this;
  }

  public MavenRun env(String key, String value) {
    environment.put(key, value);
    return this;
  }

  public MavenRun env(Map<String, String> values) {
    environment.putAll(values);
    return this;
  }

  /** Extra command-line arguments such as {@code -X} or {@code -q}. */
  public MavenRun arg(String arg) {
    args.add(arg);
    return this;
  }

  /** JVM options of the Maven process: the stand-in's proxy and trust store properties. */
  public MavenRun mavenOpts(String mavenOpts) {
    this.mavenOpts = mavenOpts;
    return this;
  }

  public MavenResult run() {
    Path log = project.directory().resolve("build.log");
    StringBuilder output = new StringBuilder();
    InvocationRequest request =
        new DefaultInvocationRequest()
            .setBaseDirectory(project.directory().toFile())
            .addArgs(goals)
            .setBatchMode(true)
            .setShowErrors(true)
            .setNoTransferProgress(true)
            .setJavaHome(new File(System.getProperty("java.home")))
            .setLocalRepositoryDirectory(ItEnvironment.itRepository().toFile())
            .setUserSettingsFile(MirrorSettings.file().toFile())
            .setShellEnvironmentInherited(false)
            .setMavenOpts(
                (System.getProperty("it.mavenJvmOptions", "")
                        + " "
                        + mavenOpts
                        + " -Duser.home="
                        + homeOf(project))
                    .strip())
            .setOutputHandler(line -> append(output, line))
            .setErrorHandler(line -> append(output, line));
    request.addArgs(args);
    request.setTimeoutInSeconds(TIMEOUT_SECONDS);
    Properties props = new Properties();
    props.putAll(properties);
    request.setProperties(props);
    request.addShellEnvironment("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    request.addShellEnvironment("HOME", homeOf(project));
    environment.forEach(request::addShellEnvironment);

    DefaultInvoker invoker = new DefaultInvoker();
    invoker.setMavenHome(ItEnvironment.mavenHome().toFile());
    try {
      int exitCode = invoker.execute(request).getExitCode();
      Files.writeString(log, output, StandardCharsets.UTF_8);
      return new MavenResult(exitCode, output.toString(), log);
    } catch (MavenInvocationException | IOException e) {
      throw new IllegalStateException("could not run Maven in " + project.directory(), e);
    }
  }

  /**
   * A HOME (and {@code user.home}) of the project's own, so no Docker or Helm config of the
   * developer is read by the sample build.
   */
  private static String homeOf(SampleProject project) {
    Path home = project.directory().resolve(".it-home");
    try {
      Files.createDirectories(home);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return home.toString();
  }

  private static synchronized void append(StringBuilder output, String line) {
    output.append(line).append('\n');
  }
}
