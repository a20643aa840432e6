package io.github.ghcrtools.it.chart;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real Helm library (helm-java, Helm's Go code through JNA), one command per process. It runs
 * in a child JVM because Go reads HOME, HELM_* and HTTPS_PROXY once, from the process environment,
 * and each run needs its own (see {@link HelmLibrary}). Prints the command's output; a failure
 * exits with 1 and the error on stderr.
 *
 * <pre>
 * login &lt;host&gt; &lt;user&gt; &lt;caFile&gt;              password from env HELM_IT_PASSWORD
 * show-chart &lt;chart&gt; &lt;version&gt; &lt;caFile&gt;
 * template &lt;chart&gt; &lt;version&gt; &lt;caFile&gt; &lt;release&gt; [key=value...]
 * push &lt;tgz&gt; &lt;oci remote&gt; &lt;caFile&gt;
 * package-push &lt;chart folder&gt; &lt;destination&gt; &lt;oci remote&gt; &lt;caFile&gt;
 * </pre>
 */
public final class HelmCli {

  private HelmCli() {}

  public static void main(String[] args) {
    try {
      System.out.print(run(args));
      System.out.flush();
    } catch (RuntimeException | Error e) {
      e.printStackTrace();
      System.exit(1);
    }
  }

  private static String run(String[] args) {
    return switch (args[0]) {
      case "login" ->
          Helm.registry()
              .login()
              .withHost(args[1])
              .withUsername(args[2])
              .withPassword(System.getenv("HELM_IT_PASSWORD"))
              .withCaFile(Path.of(args[3]))
              .call();
      case "show-chart" ->
          Helm.show(args[1]).chart().withVersion(args[2]).withCaFile(Path.of(args[3])).call();
      case "template" -> {
        TemplateCommand template =
            Helm.template(args[1])
                .withVersion(args[2])
                .withCaFile(Path.of(args[3]))
                .withName(args[4]);
        for (int i = 5; i < args.length; i++) {
          String[] pair = args[i].split("=", 2);
          template.set(pair[0], pair[1]);
        }
        yield template.call();
      }
      case "push" ->
          Helm.push()
              .withChart(Path.of(args[1]))
              .withRemote(URI.create(args[2]))
              .withCaFile(Path.of(args[3]))
              .call();
      case "package-push" -> {
        Path destination = Path.of(args[2]);
        removePackagesIn(destination); // a package of an earlier run (another version) stays out
        new Helm(Path.of(args[1])).packageIt().withDestination(destination).call();
        yield Helm.push()
            .withChart(onlyPackageIn(destination))
            .withRemote(URI.create(args[3]))
            .withCaFile(Path.of(args[4]))
            .call();
      }
      default -> throw new IllegalArgumentException("unknown command " + args[0]);
    };
  }

  private static void removePackagesIn(Path destination) {
    if (!Files.isDirectory(destination)) {
      return;
    }
    try (Stream<Path> files = Files.list(destination)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".tgz")).toList()) {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path onlyPackageIn(Path destination) {
    try (Stream<Path> files = Files.list(destination)) {
      List<Path> packages = files.filter(f -> f.toString().endsWith(".tgz")).toList();
      if (packages.size() != 1) {
        throw new IllegalStateException("expected one chart package in " + destination);
      }
      return packages.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
