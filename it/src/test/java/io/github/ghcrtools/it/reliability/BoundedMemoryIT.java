package io.github.ghcrtools.it.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.it.image.RegistryView;
import io.github.ghcrtools.it.maven.GitHubEnv;
import io.github.ghcrtools.it.maven.MavenResult;
import io.github.ghcrtools.it.maven.MavenRun;
import io.github.ghcrtools.it.maven.ProcessReads;
import io.github.ghcrtools.it.maven.RandomFiles;
import io.github.ghcrtools.it.maven.SampleProject;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import io.github.ghcrtools.it.standin.GhcrStandInExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugins stream blobs: a trusted {@code mvn deploy} whose Maven JVM has a 64 MiB heap builds
 * and pushes an image with a 96 MiB layer of incompressible data, and packages and pushes a chart
 * of 12 MiB. A whole-blob buffer of that layer (a {@code byte[]} body, {@code readAllBytes}) cannot
 * fit in the heap, so it would end the build with an OutOfMemoryError ({@code
 * -XX:+ExitOnOutOfMemoryError}: an OOM in a worker thread that some code swallowed still fails the
 * run). The chart stays under Helm's limits (5 MiB per file), so for it the heap bounds the copies
 * held at once: more than about two of the chart next to Maven's own use would not fit. And a push
 * reads the layer from the archive once, for its upload.
 */
class BoundedMemoryIT {

  @RegisterExtension static final GhcrStandInExtension GHCR = new GhcrStandInExtension();

  /** The heap limit of the Maven JVM of both builds. */
  private static final String HEAP = "-Xmx64m";

  private static final long MIB = 1024 * 1024;

  /** Larger than the whole heap, so it can only go through the JVM as a stream. */
  private static final int LAYER_DATA = (int) (96 * MIB);

  private static final int CHART_FILES = 3;
  private static final int CHART_FILE_SIZE = (int) (4 * MIB);

  private static final String IMAGE = "bounded-memory";
  private static final String VERSION = "1.2.3";
  private static final String CHART_OWNER = GitHubEnv.OWNER;

  private static final Pattern HEAP_MAX = Pattern.compile("Heap Max Capacity: (\\d+)M");

  /** A G1 pause: {@code GC(3) Pause Young (Normal) (G1 Evacuation Pause) 40M->12M(64M) 3.1ms}. */
  private static final Pattern GC_PAUSE = Pattern.compile("GC\\(\\d+\\) Pause .* (\\d+)M->\\d+M");

  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final ObjectMapper JSON = new ObjectMapper();

  @AfterEach
  void onlyGhcrWasContacted() {
    GHCR.standIn().assertNoBasicCredentialsOnV2();
    System.out.println("[bounded-memory] " + GHCR.standIn().assertOnlyGhcrWasContacted());
  }

  @Test
  void anImageWithALayerLargerThanTheHeapIsBuiltAndPushedWithA64MiBHeap(@TempDir Path pulled)
      throws Exception {
    GhcrStandIn standIn = GHCR.standIn();
    SampleProject project = SampleProject.copyOf("image-app");
    // an extra-directory layer: gzip cannot shrink it below the heap
    Path data = project.resolve("src/main/jib/data/big.bin");
    RandomFiles.write(data, LAYER_DATA, 96);
    String dataDigest = sha256(data);

    long started = System.nanoTime();
    MavenResult result =
        MavenRun.of(project)
            .goals("deploy")
            .property("ghcr.image", IMAGE)
            .env(GitHubEnv.tagPush(project, "v" + VERSION))
            .env(GitHubEnv.credentials(standIn.username(), standIn.password()))
            .mavenOpts(boundedOpts(standIn))
            .run();
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;

    assertTrue(result.succeeded(), result.describe());
    long heap = heapMaxMib(result);
    assertTrue(LAYER_DATA / MIB > heap, "the layer must not fit in the heap of " + heap + " MiB");
    System.out.println(
        "[bounded-memory] image: "
            + LAYER_DATA / MIB
            + " MiB layer data, heap "
            + heap
            + " MiB, fullest heap before a GC "
            + fullestHeapMib(result)
            + " MiB, mvn deploy "
            + seconds
            + " s");

    // skopeo copies it out and checks every blob against its digest on the way
    String reference = "ghcr.io/" + GitHubEnv.OWNER + "/" + IMAGE + ":" + VERSION;
    Path layout = pulled.resolve("layout");
    standIn.skopeo("copy", "docker://" + reference, "oci:" + layout + ":pulled").requireSuccess();
    String digest =
        Files.readString(
                project.resolve("target/ghcr-publish/" + IMAGE + ".digest"), StandardCharsets.UTF_8)
            .strip();
    JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
    assertEquals(digest, index.path("manifests").get(0).path("digest").asText(), "pushed manifest");
    assertEquals(digest, new RegistryView(standIn).digestOf(reference), "manifest in the registry");
    JsonNode manifest = JSON.readTree(blob(layout, digest).toFile());
    List<JsonNode> big =
        StreamSupport.stream(manifest.path("layers").spliterator(), false)
            .filter(l -> l.path("size").asLong() >= LAYER_DATA)
            .toList();
    assertEquals(1, big.size(), "one layer holds the data: " + manifest);
    JsonNode layer = big.get(0);
    Path layerBlob = blob(layout, layer.path("digest").asText());
    assertEquals(layer.path("size").asLong(), Files.size(layerBlob), "size of the pushed layer");
    assertEquals(layer.path("digest").asText(), sha256(layerBlob), "digest of the pushed layer");
    assertEquals(
        List.of("data/big.bin " + LAYER_DATA + " " + dataDigest),
        bigEntries(layerBlob),
        "the layer carries the generated file whole");
  }

  /**
   * Issue 17: a push reads each layer once, for its upload. The image is built first ({@code mvn
   * package}); then {@code mvn deploy} uploads it, reusing the archive, and {@code mvn deploy} once
   * more finds it in place and uploads nothing. What the first deploy read beyond the second (the
   * Maven JVM's {@code rchar}) is the upload's reading: about the layer's size once, where reading
   * the archive through to find its manifest made it twice.
   */
  @Test
  void aPushReadsTheLayerOnceForItsUpload() throws Exception {
    GhcrStandIn standIn = GHCR.standIn();
    SampleProject project = SampleProject.copyOf("image-app");
    RandomFiles.write(project.resolve("src/main/jib/data/big.bin"), LAYER_DATA, 97);
    String image = IMAGE + "-reads";

    long[] read = new long[2];
    String[] counted = new String[2];
    MavenRun build = run(project, image, standIn).goals("package");
    assertTrue(build.run().succeeded(), "mvn package");
    for (int i = 0; i < 2; i++) {
      MavenResult result;
      try (ProcessReads reads = ProcessReads.watch(project.directory())) {
        result = run(project, image, standIn).goals("deploy").run();
        read[i] = reads.stop();
        counted[i] = reads.describe();
      }
      assertTrue(result.succeeded(), result.describe());
      assertEquals(
          i == 0,
          result.log().contains("layers uploaded"),
          "the first deploy uploads, the second finds the image in place: " + result.describe());
    }

    double layers = (read[0] - read[1]) / (double) LAYER_DATA;
    System.out.println(
        "[bounded-memory] bytes read: "
            + read[0]
            + " with the upload, "
            + read[1]
            + " without; "
            + String.format(java.util.Locale.ROOT, "%.2f", layers)
            + "× the layer");
    assertTrue(
        layers > 0.9 && layers < 1.3,
        "the layer is read once for its upload: "
            + layers
            + "; with the upload:"
            + counted[0]
            + "\nwithout:"
            + counted[1]);
  }

  private static MavenRun run(SampleProject project, String image, GhcrStandIn standIn) {
    return MavenRun.of(project)
        .property("ghcr.image", image)
        .env(GitHubEnv.tagPush(project, "v" + VERSION))
        .env(GitHubEnv.credentials(standIn.username(), standIn.password()))
        .mavenOpts(boundedOpts(standIn));
  }

  @Test
  void aChartOfTwelveMiBIsPackagedAndPushedWithA64MiBHeap() throws Exception {
    GhcrStandIn standIn = GHCR.standIn();
    SampleProject project = SampleProject.copyOf("chart-sample");
    for (int i = 0; i < CHART_FILES; i++) { // Helm allows 5 MiB per file
      RandomFiles.write(
          project.resolve("src/main/helm/pytoya/files/big-" + i + ".bin"), CHART_FILE_SIZE, i);
    }

    MavenResult result =
        MavenRun.of(project)
            .goals("deploy")
            .property("helm-oci.owner", CHART_OWNER)
            .env(GitHubEnv.tagPush(project, "v0.1.0"))
            .env(GitHubEnv.credentials(standIn.username(), standIn.password()))
            .mavenOpts(boundedOpts(standIn))
            .run();

    assertTrue(result.succeeded(), result.describe());
    long heap = heapMaxMib(result);
    Path archive = project.resolve("target/helm/pytoya-0.1.0.tgz");
    long chartSize = Files.size(archive);
    assertTrue(chartSize >= CHART_FILES * CHART_FILE_SIZE, "the chart is " + chartSize + " bytes");
    System.out.println(
        "[bounded-memory] chart: "
            + chartSize / MIB
            + " MiB package, heap "
            + heap
            + " MiB, fullest heap before a GC "
            + fullestHeapMib(result)
            + " MiB");

    String marker = "Pushed chart oci://ghcr.io/" + CHART_OWNER + "/charts/pytoya:0.1.0@";
    int at = result.log().indexOf(marker);
    assertTrue(at >= 0, result.describe());
    Matcher logged = DIGEST.matcher(result.log());
    assertTrue(logged.find(at + marker.length()), result.describe());
    String raw = standIn.skopeoTool().inspectRaw("ghcr.io/" + CHART_OWNER + "/charts/pytoya:0.1.0");
    assertEquals(
        logged.group(), RegistryView.sha256(raw.getBytes(StandardCharsets.UTF_8)), "manifest");
    JsonNode layer = JSON.readTree(raw).path("layers").get(0);
    assertEquals(sha256(archive), layer.path("digest").asText(), "the chart layer is the .tgz");
    assertEquals(chartSize, layer.path("size").asLong(), "size of the chart layer");
  }

  /**
   * The stand-in's proxy and trust store, the heap limit, an exit on any OutOfMemoryError, and the
   * GC log on stdout (so the build log shows the heap's limit and how full it got).
   */
  private static String boundedOpts(GhcrStandIn standIn) {
    return standIn.mavenOpts() + " " + HEAP + " -XX:+ExitOnOutOfMemoryError -Xlog:gc,gc+init";
  }

  /** The heap limit the Maven JVM reported, so the test proves it ran with it. */
  private static long heapMaxMib(MavenResult result) {
    Matcher m = HEAP_MAX.matcher(result.log());
    assertTrue(
        m.find(), "the Maven JVM logged no heap limit (-Xlog:gc+init): " + result.describe());
    long heap = Long.parseLong(m.group(1));
    assertEquals(64, heap, "heap limit of the Maven JVM");
    return heap;
  }

  /** The most heap in use before any GC pause of the run: an upper bound of what was live. */
  private static long fullestHeapMib(MavenResult result) {
    Matcher m = GC_PAUSE.matcher(result.log());
    long fullest = 0;
    while (m.find()) {
      fullest = Math.max(fullest, Long.parseLong(m.group(1)));
    }
    return fullest;
  }

  /** Entries of a gzip layer of at least a MiB: path, size and digest. */
  private static List<String> bigEntries(Path layer) throws IOException {
    List<String> entries = new ArrayList<>();
    try (InputStream in = Files.newInputStream(layer);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        if (e.isFile() && e.getSize() >= MIB) {
          entries.add(
              e.getName().replaceFirst("^\\.?/", "") + " " + e.getSize() + " " + sha256(tar));
        }
      }
    }
    return entries;
  }

  private static Path blob(Path layout, String digest) {
    String[] parts = digest.split(":", 2);
    return layout.resolve("blobs").resolve(parts[0]).resolve(parts[1]);
  }

  private static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return sha256(in);
    }
  }

  /** Streams the rest of {@code in} (not closing it) through SHA-256. */
  private static String sha256(InputStream in) throws IOException {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      new DigestInputStream(in, sha).transferTo(java.io.OutputStream.nullOutputStream());
      return "sha256:" + HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
