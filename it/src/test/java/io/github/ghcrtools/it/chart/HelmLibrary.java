package io.github.ghcrtools.it.chart;

import io.github.ghcrtools.it.standin.GhcrStandIn;
import io.github.ghcrtools.it.standin.ProcessResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link HelmCli} in a child JVM with an environment of its own, as a user's {@code helm}
 * would run: private HOME and HELM_* folders (no developer config is read, the registry login lands
 * in a file of this run), HTTPS_PROXY pointing at the stand-in's proxy so "ghcr.io" is the
 * stand-in, and the stand-in's CA passed with {@code --ca-file}. No insecure flag.
 */
public final class HelmLibrary {

  private static final long TIMEOUT_SECONDS = 180;

  private final Path dir;
  private final GhcrStandIn ghcr;

  public HelmLibrary(Path dir, GhcrStandIn ghcr) {
    this.dir = dir;
    this.ghcr = ghcr;
  }

  /**
   * {@code helm registry login ghcr.io} with the stand-in's user; its password travels in the
   * environment.
   */
  public String login() {
    return run("login", "ghcr.io", ghcr.username(), ghcr.caPem().toString());
  }

  /** {@code helm show chart oci://... --version ...}. */
  public String showChart(String chart, String version) {
    return run("show-chart", chart, version, ghcr.caPem().toString());
  }

  /** {@code helm template <release> oci://... --version ... --set k=v...}. */
  String template(String chart, String version, String release, String... sets) {
    List<String> args =
        new ArrayList<>(List.of("template", chart, version, ghcr.caPem().toString(), release));
    args.addAll(List.of(sets));
    return run(args.toArray(String[]::new));
  }

  /** {@code helm push <tgz> oci://...}. */
  public String push(Path archive, String remote) {
    return run("push", archive.toString(), remote, ghcr.caPem().toString());
  }

  /**
   * {@code helm package <folder> --destination <dir>}, then {@code helm push} of that package, in
   * one child JVM: one JVM start and one load of the Helm library per chart, where a shell step
   * would start the {@code helm} binary twice, each in a few milliseconds.
   */
  public String packageAndPush(Path chart, Path destination, String remote) {
    return run(
        "package-push", chart.toString(), destination.toString(), remote, ghcr.caPem().toString());
  }

  private String run(String... args) {
    ProcessResult result = exec(args);
    if (!result.succeeded()) {
      throw new AssertionError("Helm " + args[0] + " failed: " + result.describe());
    }
    return result.stdout();
  }

  private ProcessResult exec(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Djava.io.tmpdir=" + folder("tmp"),
                HelmCli.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    Map<String, String> env = builder.environment();
    env.clear();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("HOME", folder("home"));
    env.put("HELM_CONFIG_HOME", folder("config"));
    env.put("HELM_CACHE_HOME", folder("cache"));
    env.put("HELM_DATA_HOME", folder("data"));
    env.put("HELM_REGISTRY_CONFIG", dir.resolve("config/registry/config.json").toString());
    env.put("HELM_REPOSITORY_CONFIG", dir.resolve("config/repositories.yaml").toString());
    env.put("HELM_REPOSITORY_CACHE", folder("cache/repository"));
    env.put("HTTPS_PROXY", "http://" + ghcr.proxyHost() + ":" + ghcr.proxyPort());
    env.put("HELM_IT_PASSWORD", ghcr.password());
    try {
      Path out = Files.createTempFile(dir, "helm-", ".out");
      Path err = Files.createTempFile(dir, "helm-", ".err");
      Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      process.getOutputStream().close();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError(
            "Helm " + args[0] + " did not finish within " + TIMEOUT_SECONDS + " s");
      }
      return new ProcessResult(
          "helm " + String.join(" ", args),
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the Helm child JVM", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running Helm", e);
    }
  }

  private String folder(String name) {
    try {
      return Files.createDirectories(dir.resolve(name)).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
