package io.github.ghcrtools.it.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.it.chart.HelmLibrary;
import io.github.ghcrtools.it.maven.GitHubEnv;
import io.github.ghcrtools.it.maven.MavenResult;
import io.github.ghcrtools.it.maven.MavenRun;
import io.github.ghcrtools.it.maven.ProcessReads;
import io.github.ghcrtools.it.standin.FrontRequests;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import io.github.ghcrtools.it.standin.GhcrStandInExtension;
import io.github.ghcrtools.it.standin.RegistryRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 17's scale benchmark ({@code scripts/bench.sh --scale}): a generated reactor of image
 * modules and two charts ({@link ScaleReactor}), published with {@code mvn -T 2 deploy} (ours:
 * images, charts, end-of-reactor release, deploy signal in dry run) and with {@code mvn -T 2
 * package jib:build} plus {@code helm package} and {@code helm push} of each chart through the real
 * Helm library (jib + helm), cold, warm no-op and with one module's code changed; Maven alone (the
 * same {@code mvn deploy} without our plugins, which jib + helm's run leaves out too) is the floor.
 * Then the growth series over the image counts, and the big layer against {@code skopeo copy}.
 * Writes {@code it/target/bench/scale/}; keeps every run's log. It fails only when a publish fails,
 * never on timing.
 */
class ScaleBenchmarkIT {

  @RegisterExtension static final GhcrStandInExtension GHCR = new GhcrStandInExtension();

  private static final String VERSION = "1.0.0";
  private static final String NEXT = "1.0.1";

  /** The commit of the next release (the first is {@link GitHubEnv#SHA}). */
  private static final String NEXT_SHA = "89abcdef0123456789abcdef0123456789abcdef";

  private static final String COLD = "cold";
  private static final String WARM = "warm no-op";
  private static final String CHANGED = "one module changed";
  private static final String OURS = "ours";

  /**
   * Ours with the stand-in refusing Basic credentials on {@code /v2/} with 403 (as ghcr.io has been
   * reported to) instead of the 401 jib:build needs: ours never sends them, so it should not
   * matter.
   */
  private static final String OURS_403 = "ours, Basic refused with 403";

  /** Ours doing what jib + helm do: no SBOM and no provenance attached. */
  private static final String OURS_BARE = "ours, no SBOM or provenance";

  private static final String JIB_HELM = "jib + helm";
  private static final String MAVEN = "maven alone";
  private static final long MB = 1024L * 1024;

  private final List<ScaleRun> runs = new ArrayList<>();
  private final List<String> changedLayers = new ArrayList<>();
  private Path results;
  private HelmLibrary helm;
  private String jibVersion;
  private String jibTags;

  @Test
  void publishAReactorSideBySide() throws IOException {
    int iterations = Integer.getInteger("bench.iterations", 3);
    List<Integer> counts =
        Arrays.stream(System.getProperty("bench.scale.modules", "1,2,4,8").split(","))
            .map(String::strip)
            .map(Integer::parseInt)
            .sorted()
            .toList();
    long jarBytes = Long.getLong("bench.scale.jarMb", 40) * MB;
    long bigLayerBytes = Long.getLong("bench.scale.bigLayerMb", 300) * MB;
    jibVersion = System.getProperty("bench.jibVersion");
    results =
        Files.createDirectories(Path.of(System.getProperty("bench.resultsDir")).resolve("scale"));
    GhcrStandIn standIn = GHCR.standIn();
    standIn.basicRefusalStatus(401); // jib:build recovers only from a 401 (see PublishBenchmarkIT)
    helm = new HelmLibrary(Files.createDirectories(results.resolve("helm")), standIn);
    helm.login();

    // warm-up, not counted: fills the sample repository and tells the tags ours writes
    ScaleReactor warmUp = ScaleReactor.fresh(1, jarBytes, jibVersion);
    require(ours(warmUp, "scale/warmup").run(), "warm-up");
    jibTags = String.join(",", ourTagsWithoutLatest(warmUp));

    int largest = counts.get(counts.size() - 1);
    for (int images : counts) {
      for (int i = 1; i <= iterations; i++) {
        boolean oursFirst = i % 2 == 1;
        for (String tool : oursFirst ? List.of(OURS, JIB_HELM) : List.of(JIB_HELM, OURS)) {
          ScaleReactor reactor = ScaleReactor.fresh(images, jarBytes, jibVersion);
          String prefix = "scale/" + tool.replace(" + ", "-") + "-" + images + "-" + i;
          measure(tool, COLD, reactor, prefix, i);
          measure(tool, WARM, reactor, prefix, i);
          if (images == largest) {
            reactor.changeModuleOne(i, NEXT);
            measure(tool, CHANGED, reactor, prefix, i);
          }
        }
        // the floor of the warm no-op: a second run in a checkout built once, as the others' is
        ScaleReactor floor = ScaleReactor.fresh(images, jarBytes, jibVersion);
        require(mavenAlone(floor, "scale/m"), "maven alone, first build");
        measure(MAVEN, WARM, floor, "scale/m", i);
      }
    }
    // the other auth mode, ours alone (jib:build stops at a 403), on the largest reactor
    standIn.basicRefusalStatus(403);
    for (int i = 1; i <= iterations; i++) {
      ScaleReactor reactor = ScaleReactor.fresh(largest, jarBytes, jibVersion);
      measure(OURS_403, COLD, reactor, "scale/ours403-" + largest + "-" + i, i);
      measure(OURS_403, WARM, reactor, "scale/ours403-" + largest + "-" + i, i);
    }
    standIn.basicRefusalStatus(401);
    for (int i = 1; i <= iterations; i++) {
      ScaleReactor reactor = ScaleReactor.fresh(largest, jarBytes, jibVersion);
      measure(OURS_BARE, COLD, reactor, "scale/oursbare-" + largest + "-" + i, i);
      measure(OURS_BARE, WARM, reactor, "scale/oursbare-" + largest + "-" + i, i);
    }
    String proxy = standIn.assertOnlyGhcrWasContacted();
    ScaleTable table = new ScaleTable(runs);
    String bigLayer = bigLayerBytes > 0 ? bigLayer(bigLayerBytes) : "Big layer: skipped.";
    String markdown =
        table.markdown()
            + "\n- One module changed (median row above; every run here): "
            + String.join("; ", changedLayers)
            + ".\n- "
            + bigLayer
            + "\n- Requests: lines of the registry's access log during the run (auth challenges"
            + " included, token fetches not: those go to the front and are counted apart). Blob"
            + " bytes: the sizes of the blobs whose upload completed (mounts and manifests not"
            + " counted). Jib + helm's time includes one `helm package` and `helm push`"
            + " per chart (each chart a JVM running the real Helm library; its registry login happens"
            + " once, before the runs, untimed). Maven alone and jib + helm's Maven run leave our"
            + " plugins out (`-Dbench.withoutGhcr`).\n- Proxy record: "
            + proxy
            + ".\n";
    Files.writeString(results.resolve("results-scale.md"), markdown, StandardCharsets.UTF_8);
    Files.writeString(results.resolve("results-scale.csv"), table.csv(), StandardCharsets.UTF_8);
    Files.writeString(results.resolve("growth.dat"), table.growthData(), StandardCharsets.UTF_8);
    System.out.println("[bench-scale] results\n" + markdown);
  }

  private void measure(String tool, String scenario, ScaleReactor reactor, String prefix, int i)
      throws IOException {
    GhcrStandIn standIn = GHCR.standIn();
    int registryBefore = standIn.registryRequests().size();
    int frontBefore = standIn.frontRequests().size();
    long start = System.nanoTime();
    List<MavenResult> logs = new ArrayList<>();
    switch (tool) {
      case OURS, OURS_403 -> logs.add(ours(reactor, prefix).run());
      case OURS_BARE ->
          logs.add(
              ours(reactor, prefix)
                  .property("ghcr.sbom", "false")
                  .property("ghcr.provenance", "false")
                  .property("helm-oci.sbom", "false")
                  .property("helm-oci.provenance", "false")
                  .run());
      case JIB_HELM -> {
        logs.add(jib(reactor, prefix));
        if (logs.get(0).succeeded()) {
          for (Path module : reactor.chartModules()) {
            String chart = module.getFileName().toString();
            helm.packageAndPush(
                module.resolve("src/main/helm/" + chart),
                module.resolve("target/helm-cli"),
                "oci://ghcr.io/" + GitHubEnv.OWNER + "/" + prefix + "/charts");
          }
        }
      }
      default -> logs.add(mavenAlone(reactor, prefix));
    }
    long wall = (System.nanoTime() - start) / 1_000_000;
    String name =
        String.format(
            Locale.ROOT,
            "%d-images-%s-%s-%d.log",
            reactor.images(),
            scenario.replace(' ', '-'),
            tool.replace(" + ", "-").replace(' ', '-'),
            i);
    Files.writeString(
        Files.createDirectories(results.resolve("logs")).resolve(name),
        logs.get(0).log(),
        StandardCharsets.UTF_8);
    require(logs.get(0), tool + " " + scenario);
    List<RegistryRequest> all = standIn.registryRequests();
    List<RegistryRequest> during = List.copyOf(all.subList(registryBefore, all.size()));
    long tokens = FrontRequests.tokens(FrontRequests.since(standIn, frontBefore));
    Set<String> layers = tool.equals(MAVEN) ? Set.of() : layerDigests(reactor, prefix);
    long[] bytes = blobBytes(during, layers);
    ScaleRun run =
        new ScaleRun(
            tool, scenario, reactor.images(), i, wall, during.size(), bytes[0], bytes[1], tokens);
    if (scenario.equals(CHANGED)) {
      changedLayers.add(
          String.format(
              Locale.ROOT,
              "%s: module 1's new layers %,d bytes, image layers uploaded %,d bytes",
              tool,
              newLayerBytes(reactor, prefix),
              bytes[1]));
    }
    runs.add(run);
    System.out.println("[bench-scale] " + run);
  }

  private MavenRun ours(ScaleReactor reactor, String prefix) {
    return run(reactor, prefix)
        .goals("deploy")
        .env(GitHubEnv.credentials(GHCR.standIn().username(), GHCR.standIn().password()))
        .property("helm-oci.chartsPrefix", prefix + "/charts")
        .property("deploy-signal.dryRun", "true")
        .property("deploy-signal.chart", ScaleReactor.CHARTS.get(0));
  }

  private MavenResult jib(ScaleReactor reactor, String prefix) {
    return run(reactor, prefix)
        .goals("package", "jib:build")
        .property("bench.withoutGhcr", "true")
        .property(
            "jib.to.tags",
            version(reactor).equals(NEXT)
                ? jibTags
                    .replace(VERSION, NEXT)
                    .replace(GitHubEnv.SHA.substring(0, 7), NEXT_SHA.substring(0, 7))
                : jibTags)
        .property("jib.to.auth.username", GHCR.standIn().username())
        .property("jib.to.auth.password", GHCR.standIn().password())
        .property("jib.disableUpdateChecks", "true")
        .run();
  }

  private MavenResult mavenAlone(ScaleReactor reactor, String prefix) {
    return run(reactor, prefix).goals("deploy").property("bench.withoutGhcr", "true").run();
  }

  private MavenRun run(ScaleReactor reactor, String prefix) {
    return MavenRun.of(reactor.project())
        .arg("-T")
        .arg("2")
        .env(GitHubEnv.tagPush(reactor.project(), "v" + version(reactor)))
        .env("GITHUB_SHA", version(reactor).equals(NEXT) ? NEXT_SHA : GitHubEnv.SHA)
        .property("scale.prefix", prefix)
        .mavenOpts(
            GHCR.standIn().mavenOpts()
                + " "
                + GoalTimes.MAVEN_OPTS // a time on every log line, to see where a run spends it
                + " "
                + System.getProperty("bench.mavenOpts", ""));
  }

  /**
   * One module whose dependency layer is one jar of {@code bytes}: ours' cold push with the Maven
   * JVM at {@code -Xmx256m}, against {@code skopeo copy} of the OCI archive ours built to another
   * new repository of the same registry.
   */
  private String bigLayer(long bytes) throws IOException {
    GhcrStandIn standIn = GHCR.standIn();
    ScaleReactor reactor = ScaleReactor.bigLayer(bytes, jibVersion);
    String prefix = "scale/big";
    // the image is built first, alone: the push runs then reuse its archive (ghcr:build confirms
    // it from its stamp), so the two measured runs differ only by the upload
    MavenResult built = bigLayerRun(reactor, prefix).goals("package").run();
    Files.writeString(results.resolve("logs/big-layer-ours-package.log"), built.log());
    require(built, "big layer, ours building at -Xmx256m");
    long start = System.nanoTime();
    MavenResult result;
    long coldReads;
    try (ProcessReads reads = ProcessReads.watch(reactor.project().directory())) {
      result = bigLayerRun(reactor, prefix).goals("deploy").run();
      coldReads = reads.stop();
    }
    long wall = (System.nanoTime() - start) / 1_000_000;
    Files.writeString(results.resolve("logs/big-layer-ours.log"), result.log());
    require(result, "big layer, ours at -Xmx256m");
    // the same again: the push finds the image in place and uploads nothing
    MavenResult again;
    long baselineReads;
    try (ProcessReads reads = ProcessReads.watch(reactor.project().directory())) {
      again = bigLayerRun(reactor, prefix).goals("deploy").run();
      baselineReads = reads.stop();
    }
    Files.writeString(results.resolve("logs/big-layer-ours-no-upload.log"), again.log());
    require(again, "big layer, ours again with nothing to upload");
    double readsPerUpload = (coldReads - baselineReads) / (double) bytes;
    long push = GoalTimes.perGoal(result.log(), List.of("ghcr:push")).get("ghcr:push");
    Path archive;
    try (Stream<Path> tars =
        Files.list(reactor.project().resolve(ScaleReactor.imageName(1) + "/target/ghcr"))) {
      archive = tars.filter(p -> p.toString().endsWith(".tar")).findFirst().orElseThrow();
    }
    long skopeoStart = System.nanoTime();
    standIn
        .skopeo(
            "copy",
            "oci-archive:" + archive,
            "docker://ghcr.io/" + GitHubEnv.OWNER + "/scale/big-skopeo:1.0.0")
        .requireSuccess();
    long skopeo = (System.nanoTime() - skopeoStart) / 1_000_000;
    double mb = bytes / (double) MB;
    return String.format(
        Locale.ROOT,
        "Big layer (%.0f MB dependency jar, one module, built first by `mvn package`): ours"
            + " `mvn deploy` with MAVEN_OPTS -Xmx256m succeeded in %.2f s, `ghcr:push` %.2f s (%.1f MB/s, including its tag"
            + " checks and the end-of-reactor release); `skopeo copy` of the same OCI archive to a"
            + " new repository %.2f s (%.1f MB/s); ours / skopeo throughput %.2f×. Bytes the"
            + " Maven JVM read (rchar): %,d with the upload, %,d for the same `mvn deploy` again,"
            + " whose push uploads nothing; the difference is %.2f× the layer's size, the times the layer"
            + " was read for its one upload attempt.",
        mb,
        wall / 1000.0,
        push / 1000.0,
        mb * 1000 / push,
        skopeo / 1000.0,
        mb * 1000 / skopeo,
        (double) skopeo / push,
        coldReads,
        baselineReads,
        readsPerUpload);
  }

  private MavenRun bigLayerRun(ScaleReactor reactor, String prefix) {
    GhcrStandIn standIn = GHCR.standIn();
    return MavenRun.of(reactor.project())
        .env(GitHubEnv.tagPush(reactor.project(), "v" + VERSION))
        .env(GitHubEnv.credentials(standIn.username(), standIn.password()))
        .property("scale.prefix", prefix)
        .property("deploy-signal.skip", "true")
        .mavenOpts(
            standIn.mavenOpts()
                + " -Xmx256m "
                + GoalTimes.MAVEN_OPTS
                + " "
                + System.getProperty("bench.mavenOpts", ""));
  }

  /** The layers of every image of the reactor's current version, read after the run. */
  private static Set<String> layerDigests(ScaleReactor reactor, String prefix) {
    Set<String> digests = new HashSet<>();
    for (int module = 1; module <= reactor.images(); module++) {
      layersOf(reference(prefix, module, version(reactor))).keySet().forEach(digests::add);
    }
    return digests;
  }

  /** Bytes of the layers module 1's image has at the next version and had not at the first. */
  private static long newLayerBytes(ScaleReactor reactor, String prefix) {
    Map<String, Long> before = layersOf(reference(prefix, 1, VERSION));
    return layersOf(reference(prefix, 1, version(reactor))).entrySet().stream()
        .filter(e -> !before.containsKey(e.getKey()))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  private static String reference(String prefix, int module, String version) {
    return "ghcr.io/"
        + GitHubEnv.OWNER
        + "/"
        + prefix
        + "/"
        + ScaleReactor.imageName(module)
        + ":"
        + version;
  }

  private static Map<String, Long> layersOf(String reference) {
    try {
      Map<String, Long> layers = new HashMap<>();
      new ObjectMapper()
          .readTree(GHCR.standIn().skopeoTool().inspectRaw(reference))
          .path("layers")
          .forEach(l -> layers.put(l.path("digest").asText(), l.path("size").asLong()));
      return layers;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Sizes of the blobs whose upload completed, asked of the registry after the run: all of them,
   * and those among {@code layers}.
   */
  private static long[] blobBytes(List<RegistryRequest> requests, Set<String> layers) {
    long total = 0;
    long layerTotal = 0;
    for (RegistryRequest r : requests) {
      String path = r.pathWithoutQuery();
      int uploads = path.indexOf("/blobs/uploads/");
      int digest = r.path().indexOf("digest=");
      if (r.status() != 201 || uploads < 0 || digest < 0 || r.path().contains("mount=")) {
        continue;
      }
      String value = r.path().substring(digest + 7).split("&")[0].replace("%3A", ":");
      var head =
          GHCR.standIn()
              .registryApi()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "https://ghcr.io" + path.substring(0, uploads) + "/blobs/" + value))
                      .method("HEAD", HttpRequest.BodyPublishers.noBody()));
      long size = head.headers().firstValueAsLong("Content-Length").orElse(0);
      total += size;
      layerTotal += layers.contains(value) ? size : 0;
    }
    return new long[] {total, layerTotal};
  }

  private static List<String> ourTagsWithoutLatest(ScaleReactor reactor) throws IOException {
    Path records =
        reactor.project().resolve(ScaleReactor.imageName(1) + "/target/ghcr-publish/records");
    try (Stream<Path> files = Files.list(records)) {
      Path record = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
      List<String> tags = new ArrayList<>();
      new ObjectMapper().readTree(record.toFile()).path("tags").forEach(t -> tags.add(t.asText()));
      tags.remove("latest"); // jib tags `latest` when the image reference has no tag
      return tags;
    }
  }

  /** The reactor's version: {@link #NEXT} once a module was changed. */
  private static String version(ScaleReactor reactor) {
    try {
      return Files.readString(reactor.project().resolve("pom.xml")).contains(NEXT) ? NEXT : VERSION;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void require(MavenResult result, String what) {
    assertTrue(result.succeeded(), what + ": " + result.describe());
  }
}
