package io.github.ghcrtools.it.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.it.maven.ItEnvironment;
import io.github.ghcrtools.it.maven.MavenResult;
import io.github.ghcrtools.it.maven.SampleProject;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import io.github.ghcrtools.it.standin.GhcrStandInExtension;
import io.github.ghcrtools.it.standin.RegistryRequest;
import io.github.ghcrtools.it.supplychain.ReferrersView;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The issue-6 benchmark: our {@code mvn deploy} against {@code jib:build} of jib-maven-plugin,
 * publishing the example's api service to the ghcr.io stand-in, side by side in one run. Each
 * iteration publishes cold (fresh checkout, fresh repository) and then republishes unchanged; the
 * tools alternate which goes first. Writes {@code it/target/bench/results.md}.
 *
 * <p>Run by {@code scripts/bench.sh} (the {@code bench} profile); never part of the normal verify.
 * It fails only when a publish fails or lands something else than reported, never on timing.
 */
class PublishBenchmarkIT {

  @RegisterExtension static final GhcrStandInExtension GHCR = new GhcrStandInExtension();

  private final Map<String, ImageManifest> manifests = new HashMap<>();
  private final Map<Tool, ImageManifest> images = new EnumMap<>(Tool.class);

  /** Per cold run of ours: the secret scan's milliseconds and {@code ghcr:build}'s. */
  private final List<long[]> scans = new ArrayList<>();

  private static final java.util.regex.Pattern SCAN =
      java.util.regex.Pattern.compile("Secret scan of image [^\\n]*? in (\\d+) ms");

  @Test
  void publishSideBySide() throws IOException {
    publish(List.of(), "results");
  }

  /** The same with two platforms each: our OCI index against jib's manifest list. */
  @Test
  void publishTwoPlatformsSideBySide() throws IOException {
    publish(List.of("linux/amd64", "linux/arm64"), "results-two-platforms");
  }

  private void publish(List<String> platforms, String resultsName) throws IOException {
    manifests.clear();
    images.clear();
    scans.clear();
    BenchSettings settings = BenchSettings.fromSystemProperties();
    GhcrStandIn standIn = GHCR.standIn();
    // jib:build offers Basic credentials to /v2/ first, which ghcr.io refuses; it recovers only
    // when the refusal is a 401 with a bearer challenge, so that is the default here
    // (-Dbench.basicRefusal=403
    // shows jib:build failing where ours, bearer-only, does not care)
    standIn.basicRefusalStatus(Integer.getInteger("bench.basicRefusal", 401));
    System.out.println(
        "[bench] the stand-in refuses Basic credentials on /v2/ with HTTP "
            + Integer.getInteger("bench.basicRefusal", 401));
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    Instant started = Instant.now();

    // warm-up, not counted: fills the sample builds' repository with both plugins, and tells the
    // tags ours computes, which jib is then given too
    SampleProject warmOurs = BenchProject.fresh(settings.jibVersion());
    Publisher first = new Publisher(standIn, List.of(), settings.extraMavenOpts(), platforms);
    String prefix = platforms.isEmpty() ? "bench/" : "bench2/";
    requireSuccess(first.publish(Tool.OURS, warmOurs, prefix + "warmup-ours"));
    List<String> tags = Publisher.ourTags(warmOurs);
    Publisher publisher = first.withTags(tags);
    SampleProject warmJib = BenchProject.fresh(settings.jibVersion());
    requireSuccess(publisher.publish(Tool.JIB, warmJib, prefix + "warmup-jib"));
    System.out.println(
        "[bench] warm-up done; tags " + tags + "; " + settings.iterations() + " iterations");

    List<Measurement> measurements = new ArrayList<>();
    for (int i = 1; i <= settings.iterations(); i++) {
      List<Tool> order =
          i % 2 == 1
              ? List.of(Tool.OURS, Tool.JIB, Tool.MAVEN)
              : List.of(Tool.JIB, Tool.OURS, Tool.MAVEN);
      Map<Tool, SampleProject> checkouts = new HashMap<>();
      Map<Tool, String> coldDigests = new HashMap<>();
      for (Tool tool : order) {
        SampleProject project = BenchProject.fresh(settings.jibVersion());
        checkouts.put(tool, project);
        String path = prefix + tool.label() + "-" + i;
        measurements.add(measure(settings, publisher, tool, Phase.COLD, i, project, path, tags));
        if (tool != Tool.MAVEN) {
          coldDigests.put(tool, Publisher.digestOf(tool, project));
        }
      }
      for (Tool tool : order) {
        SampleProject project = checkouts.get(tool);
        String path = prefix + tool.label() + "-" + i;
        measurements.add(measure(settings, publisher, tool, Phase.WARM, i, project, path, tags));
        if (tool == Tool.MAVEN) {
          continue;
        }
        assertEquals(
            coldDigests.get(tool),
            Publisher.digestOf(tool, project),
            tool + ": an unchanged republish must publish the same digest, else it is no no-op");
      }
    }
    String proxy = standIn.assertOnlyGhcrWasContacted();
    double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    long seconds = ChronoUnit.SECONDS.between(started, Instant.now());

    BenchReport report =
        new BenchReport(
            measurements,
            tags.size() + 1, // and the referrers tag, which the warm no-op reads too
            context(settings, tags, platforms, loadBefore, loadAfter),
            footnotes(settings, seconds, proxy, scans));
    String markdown = report.markdown();
    System.out.println("[bench] results\n" + markdown);
    Files.createDirectories(settings.resultsDir());
    Files.writeString(
        settings.resultsDir().resolve(resultsName + ".md"), markdown, StandardCharsets.UTF_8);
    Files.writeString(
        settings.resultsDir().resolve(resultsName + ".csv"),
        csv(measurements),
        StandardCharsets.UTF_8);
    System.out.println("[bench] wrote " + settings.resultsDir().resolve(resultsName + ".md"));
  }

  private Measurement measure(
      BenchSettings settings,
      Publisher publisher,
      Tool tool,
      Phase phase,
      int iteration,
      SampleProject project,
      String path,
      List<String> tags)
      throws IOException {
    GhcrStandIn standIn = GHCR.standIn();
    int before = standIn.registryRequests().size();
    long start = System.nanoTime();
    MavenResult result = publisher.publish(tool, project, path);
    long wallMillis = (System.nanoTime() - start) / 1_000_000;
    requireSuccess(result);
    Path logs =
        Files.createDirectories(
            settings.resultsDir().resolve("logs").resolve(path.substring(0, path.indexOf('/'))));
    Files.writeString(
        logs.resolve(
            iteration + "-" + phase.name().toLowerCase(Locale.ROOT) + "-" + tool.label() + ".log"),
        result.log(),
        StandardCharsets.UTF_8);
    List<RegistryRequest> all = standIn.registryRequests();
    RegistryTraffic traffic = new RegistryTraffic(all.subList(before, all.size()));
    if (tool == Tool.MAVEN) {
      assertEquals(0, traffic.count(), "Maven alone must not reach the registry");
      Measurement floor =
          new Measurement(tool, phase, iteration, wallMillis, Map.of(), 0, 0, "none");
      System.out.println(
          String.format(
              Locale.ROOT,
              "[bench] #%d %-5s %-5s %6.2f s",
              iteration,
              phase,
              tool.label(),
              wallMillis / 1000.0));
      return floor;
    }

    String digest = Publisher.digestOf(tool, project);
    String repository = Publisher.repository(path);
    ImageManifest manifest =
        manifests.computeIfAbsent(
            digest,
            d ->
                ImageManifest.read(
                    standIn.skopeoTool().inspectRaw(repository + "@" + d),
                    platform -> standIn.skopeoTool().inspectRaw(repository + "@" + platform)));
    images.put(tool, manifest);
    if (phase == Phase.COLD && tool == Tool.OURS) {
      java.util.regex.Matcher scan = SCAN.matcher(result.log());
      long build =
          GoalTimes.perGoal(result.log(), List.of("ghcr:build")).getOrDefault("ghcr:build", 0L);
      if (scan.find() && build > 0) {
        scans.add(new long[] {Long.parseLong(scan.group(1)), build});
      }
    }
    if (phase == Phase.COLD) {
      // ours also lists its SBOM and provenance under the referrers tag sha256-<hex>
      List<String> landed =
          standIn.skopeoTool().listTags(repository).stream()
              .filter(t -> !t.startsWith("sha256-"))
              .toList();
      assertEquals(
          tags.stream().sorted().toList(),
          landed.stream().sorted().toList(),
          tool + " " + repository + ": tags in the registry");
      String tagged = sha256(standIn.skopeoTool().inspectRaw(repository + ":" + tags.get(0)));
      assertEquals(digest, tagged, tool + " " + repository + ": digest under " + tags.get(0));
    }
    Measurement measurement =
        new Measurement(
            tool,
            phase,
            iteration,
            wallMillis,
            GoalTimes.perGoal(result.log(), Publisher.goals(tool)),
            traffic.count(),
            traffic.uploadedBytes(
                manifest.withReferrers(referrerBlobs(standIn, repository, digest))),
            traffic.byKind());
    System.out.println(
        String.format(
            Locale.ROOT,
            "[bench] #%d %-5s %-4s %6.2f s (image goals %5.2f s: %s), %3d requests, %,9d bytes up: %s",
            iteration,
            phase,
            tool.label(),
            wallMillis / 1000.0,
            measurement.imageGoalMillis() / 1000.0,
            measurement.goalMillis(),
            measurement.requests(),
            measurement.uploadedBytes(),
            measurement.requestsByKind()));
    return measurement;
  }

  private List<String> context(
      BenchSettings settings,
      List<String> tags,
      List<String> platforms,
      double loadBefore,
      double loadAfter) {
    ImageManifest ourImage = images.get(Tool.OURS);
    ImageManifest jibImage = images.get(Tool.JIB);
    List<String> lines = new ArrayList<>();
    lines.add(
        "### Publish benchmark: ghcr-publish-maven-plugin "
            + ItEnvironment.projectVersion()
            + " vs jib-maven-plugin "
            + settings.jibVersion());
    lines.add("");
    if (!platforms.isEmpty()) {
      lines.add("");
      lines.add(
          "Two platforms, "
              + String.join(" and ", platforms)
              + ", on the scratch base: ours `-Dghcr.platforms`, an OCI image index; jib"
              + " `-Djib.from.platforms` with `-Djib.container.format=Docker`, a Docker manifest"
              + " list (jib-maven-plugin writes no OCI index). Sizes and bytes count every"
              + " platform's blobs once; the manifest length is the mean of the index's and the"
              + " platform manifests'.");
    }
    lines.add(
        "- App: the example's api service (`examples/pytoya/api`), scratch base, OCI format, same main "
            + "class and port for both. Image: ours "
            + ourImage.layers()
            + " layer(s), "
            + String.format(Locale.ROOT, "%,d", ourImage.imageBytes())
            + " bytes of config and layers; jib "
            + jibImage.layers()
            + " layer(s), "
            + String.format(Locale.ROOT, "%,d", jibImage.imageBytes())
            + " bytes (jib adds a layer with its classpath and main-class files; ours' config carries OCI labels).");
    lines.add(
        "- Tags per publish: "
            + String.join(", ", tags)
            + " (ours' defaults for a `"
            + Publisher.TAG
            + "` tag push; jib gets the same list through `-Dimage` and `-Djib.to.tags`).");
    lines.add(
        "- Registry: the ghcr.io stand-in (CNCF distribution in token mode behind the TLS front that "
            + "authenticates as ghcr.io does, Basic on /v2/ refused with HTTP "
            + Integer.getInteger("bench.basicRefusal", 401)
            + ", reached through the CONNECT proxy; token requests go to the front and are not in the registry's log). Cold: fresh checkout and a repository that has none of "
            + "the blobs. Warm: the same checkout and repository again, nothing changed.");
    lines.add(
        "- Iterations: "
            + settings.iterations()
            + "; each tool takes every case once per iteration, "
            + "the tools alternating which goes first; medians over the iterations.");
    lines.add(
        String.format(
            Locale.ROOT,
            "- Machine: %d cores, Java %s; load average %.1f before, %.1f "
                + "after. The registry, the proxy and Maven share the machine, so the seconds are noisy; the ratios are the result.",
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version"),
            loadBefore,
            loadAfter));
    return lines;
  }

  private static List<String> footnotes(
      BenchSettings settings, long seconds, String proxy, List<long[]> scans) {
    long minScan = scans.stream().mapToLong(s -> s[0]).min().orElse(0);
    long maxScan = scans.stream().mapToLong(s -> s[0]).max().orElse(0);
    double minShare = scans.stream().mapToDouble(s -> 100.0 * s[0] / s[1]).min().orElse(0);
    double maxShare = scans.stream().mapToDouble(s -> 100.0 * s[0] / s[1]).max().orElse(0);
    return List.of(
        String.format(
            Locale.ROOT,
            "Secret scan (ours, cold runs, from its log line): %d–%d ms, %.1f–%.1f%% of"
                + " `ghcr:build`'s goal time (the issue's limit: 10%%), over %d runs.",
            minScan,
            maxScan,
            minShare,
            maxShare,
            scans.size()),
        "Wall time: the whole Maven run a user waits for (JVM start, compile, jar, image, push). "
            + "Image goals: `ghcr:build` + `ghcr:push` for ours, `jib:build` for jib, from the times "
            + "Maven logs at the start of each goal. Ours / jib: the median over the iterations of "
            + "ours divided by jib in the same iteration (they run back to back).",
        "Registry requests: lines of the registry's own access log during the run, auth "
            + "challenges included. Bytes uploaded: the access log records response sizes only, so "
            + "each completed blob upload counts the size of its blob and each manifest PUT the "
            + "manifest's length (HTTP headers and TLS not counted).",
        "Proxy record: " + proxy + ".",
        "Command: `scripts/bench.sh "
            + settings.iterations()
            + "` (installs the tools, builds the suite, "
            + "fetches jib-maven-plugin, then runs `./mvnw -B -o -pl it -Pbench verify -Dbench.iterations="
            + settings.iterations()
            + "`); the benchmark itself took "
            + seconds
            + " s, finished "
            + Instant.now().truncatedTo(ChronoUnit.MINUTES)
            + ".");
  }

  private static String csv(List<Measurement> measurements) {
    StringBuilder out =
        new StringBuilder(
            "iteration,phase,tool,wall_ms,image_goals_ms,goals,requests,uploaded_bytes,requests_by_kind\n");
    for (Measurement m : measurements) {
      out.append(m.iteration())
          .append(',')
          .append(m.phase())
          .append(',')
          .append(m.tool().label())
          .append(',')
          .append(m.wallMillis())
          .append(',')
          .append(m.imageGoalMillis())
          .append(",\"")
          .append(m.goalMillis())
          .append("\",")
          .append(m.requests())
          .append(',')
          .append(m.uploadedBytes())
          .append(",\"")
          .append(m.requestsByKind())
          .append("\"\n");
    }
    return out.toString();
  }

  /** {@code sha256:} of a manifest as the registry stores it. */
  private static String sha256(String raw) {
    try {
      return "sha256:"
          + java.util.HexFormat.of()
              .formatHex(
                  java.security.MessageDigest.getInstance("SHA-256")
                      .digest(raw.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The blobs of what the referrers tag of {@code digest} lists (ours: the SBOM, the provenance and
   * their empty config), so their uploads are priced too; none for jib.
   */
  private static Map<String, Long> referrerBlobs(
      GhcrStandIn standIn, String repository, String digest) {
    Map<String, Long> sizes = new HashMap<>();
    ReferrersView view = new ReferrersView(standIn);
    if (view.noIndex(repository, digest)) {
      return sizes;
    }
    for (com.fasterxml.jackson.databind.JsonNode entry :
        view.index(repository, digest).path("manifests")) {
      com.fasterxml.jackson.databind.JsonNode referrer =
          view.manifest(repository, entry.path("digest").asText());
      sizes.put(
          referrer.path("config").path("digest").asText(),
          referrer.path("config").path("size").asLong());
      referrer
          .path("layers")
          .forEach(l -> sizes.put(l.path("digest").asText(), l.path("size").asLong()));
    }
    return sizes;
  }

  private static void requireSuccess(MavenResult result) {
    assertTrue(result.succeeded(), result.describe());
  }
}
