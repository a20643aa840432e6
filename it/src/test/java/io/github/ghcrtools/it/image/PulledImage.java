package io.github.ghcrtools.it.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * An image pulled from the registry by skopeo into an OCI layout, its layers unpacked in order into
 * a root folder, and its config's {@code java} command made runnable with this JVM's JDK: the
 * absolute paths of the classpath are moved under the unpacked root. So the test runs the bytes
 * that were pushed, not the project's {@code target/classes}.
 *
 * @param manifestDigest digest of the manifest skopeo copied
 * @param config the image config
 * @param root where the layers were unpacked
 */
record PulledImage(String manifestDigest, JsonNode config, Path root) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";

  /** {@code skopeo copy docker://<reference> oci:<dir>/layout:pulled}, then unpacks. */
  static PulledImage pull(GhcrStandIn standIn, String reference, Path dir) throws IOException {
    return pull(standIn, reference, dir, List.of());
  }

  /**
   * The image of one platform ({@code os/architecture[/variant]}) of a multi-platform {@code
   * reference}: {@code skopeo --override-os <os> --override-arch <architecture> copy ...}, then
   * unpacks.
   */
  static PulledImage pull(GhcrStandIn standIn, String reference, String platform, Path dir)
      throws IOException {
    String[] parts = platform.split("/");
    List<String> options =
        new ArrayList<>(List.of("--override-os", parts[0], "--override-arch", parts[1]));
    if (parts.length > 2) {
      options.addAll(List.of("--override-variant", parts[2]));
    }
    return pull(standIn, reference, dir, options);
  }

  private static PulledImage pull(
      GhcrStandIn standIn, String reference, Path dir, List<String> globalOptions)
      throws IOException {
    Path layout = Files.createDirectories(dir).resolve("layout");
    List<String> command = new ArrayList<>(globalOptions);
    command.addAll(List.of("copy", "docker://" + reference, "oci:" + layout + ":pulled"));
    standIn.skopeo(command.toArray(String[]::new)).requireSuccess();
    JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
    if (index.path("manifests").size() != 1) {
      throw new AssertionError("the OCI layout should hold one manifest: " + index);
    }
    String manifestDigest = index.path("manifests").get(0).path("digest").asText();
    byte[] manifestBytes = Files.readAllBytes(blob(layout, manifestDigest));
    if (!RegistryView.sha256(manifestBytes).equals(manifestDigest)) {
      throw new AssertionError("manifest blob does not match its digest " + manifestDigest);
    }
    JsonNode manifest = JSON.readTree(manifestBytes);
    JsonNode config =
        JSON.readTree(blob(layout, manifest.path("config").path("digest").asText()).toFile());
    Path root = Files.createDirectories(dir.resolve("rootfs")).toAbsolutePath().normalize();
    for (JsonNode layer : manifest.path("layers")) {
      if (!OCI_LAYER.equals(layer.path("mediaType").asText())) {
        throw new AssertionError("unexpected layer media type: " + layer);
      }
      unpack(blob(layout, layer.path("digest").asText()), root);
    }
    return new PulledImage(manifestDigest, config, root);
  }

  /** The config's Entrypoint followed by its Cmd, as the container runtime would start it. */
  List<String> command() {
    List<String> command = new ArrayList<>();
    config.path("config").path("Entrypoint").forEach(word -> command.add(word.asText()));
    config.path("config").path("Cmd").forEach(word -> command.add(word.asText()));
    return command;
  }

  /**
   * {@link #command()} with {@code java} as this JDK's launcher and every classpath entry moved
   * under {@link #root()}. Fails on anything it cannot translate (an {@code @argfile}, a non-java
   * entrypoint), rather than running something else than the image says.
   */
  List<String> localCommand() {
    List<String> image = command();
    if (image.isEmpty() || !image.get(0).equals("java")) {
      throw new AssertionError("the entrypoint does not start java: " + image);
    }
    List<String> local = new ArrayList<>();
    local.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (int i = 1; i < image.size(); i++) {
      String word = image.get(i);
      if (word.startsWith("@")) {
        throw new AssertionError("argument files are not translated: " + image);
      }
      local.add(word);
      if ((word.equals("-cp") || word.equals("-classpath")) && i + 1 < image.size()) {
        List<String> entries = new ArrayList<>();
        for (String entry : image.get(++i).split(":")) {
          entries.add(entry.startsWith("/") ? root.resolve(entry.substring(1)).toString() : entry);
        }
        local.add(String.join(":", entries));
      }
    }
    return local;
  }

  /** Runs {@link #localCommand()} in the unpacked root and returns what it printed. */
  String runLocally() throws IOException, InterruptedException {
    Path output = Files.createTempFile(root.getParent(), "run-", ".out");
    Process process =
        new ProcessBuilder(localCommand())
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    process.getOutputStream().close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("the image's command did not finish in 60 s: " + localCommand());
    }
    String printed = Files.readString(output, StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new AssertionError(
          "the image's command exited with "
              + process.exitValue()
              + ": "
              + localCommand()
              + "\n"
              + printed);
    }
    return printed;
  }

  private static Path blob(Path layout, String digest) {
    String[] parts = digest.split(":", 2);
    return layout.resolve("blobs").resolve(parts[0]).resolve(parts[1]);
  }

  private static void unpack(Path layer, Path root) throws IOException {
    try (InputStream file = Files.newInputStream(layer);
        TarArchiveInputStream tar =
            new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        Path target = root.resolve(entry.getName()).normalize();
        if (!target.startsWith(root)) {
          throw new AssertionError("layer entry escapes the root: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else if (entry.isFile()) {
          Files.createDirectories(target.getParent());
          Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
        } else {
          throw new AssertionError(
              "unexpected layer entry type (link, device...): " + entry.getName());
        }
      }
    }
  }
}
