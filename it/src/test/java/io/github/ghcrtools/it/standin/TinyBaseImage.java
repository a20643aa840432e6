package io.github.ghcrtools.it.standin;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A base image of tiny one-layer images, one per platform, written byte by byte as an OCI layout
 * directory, so that a multi-platform build has a base without any download. With {@link
 * #index(Path, String, String...)} the layout's {@code index.json} names an OCI image index blob
 * that lists the platform images in the order given (as {@code docker buildx} and {@code skopeo
 * copy --all} lay them out); with {@link #single(Path, String, String)} it names one plain image
 * manifest.
 *
 * <p>Each image's config carries its {@code os}, {@code architecture} (and {@code variant}), and
 * its one layer holds {@link #PLATFORM_FILE} with the platform's name, so the layer digests differ
 * per platform and an unpacked image shows which platform it came from. Every byte is fixed (JSON
 * key order, tar times, gzip header): the same call gives the same digests in every run.
 *
 * @param dir the layout directory, for {@code skopeo copy oci:<dir>:<tag>}
 * @param tag the layout's reference name, also the tag {@link #pushTo} writes
 * @param top the bytes {@code index.json} names: the index, or the one manifest
 * @param images the platform images, in the index's order
 */
public record TinyBaseImage(Path dir, String tag, byte[] top, List<PlatformImage> images) {

  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";

  /** The file each platform's layer holds, its content the platform's name and a newline. */
  public static final String PLATFORM_FILE = "etc/tiny-base/platform";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One platform's image.
   *
   * @param platform {@code os/architecture[/variant]}, as given
   * @param manifest the image manifest bytes
   * @param config the config blob bytes
   * @param layer the compressed layer bytes
   */
  public record PlatformImage(String platform, byte[] manifest, byte[] config, byte[] layer) {

    /** The manifest's digest. */
    public String digest() {
      return TinyOciLayout.sha256(manifest);
    }

    public String configDigest() {
      return TinyOciLayout.sha256(config);
    }

    public String layerDigest() {
      return TinyOciLayout.sha256(layer);
    }

    public String os() {
      return part(0);
    }

    public String architecture() {
      return part(1);
    }

    /** The variant, or null when the platform names none. */
    public String variant() {
      String[] parts = platform.split("/");
      return parts.length > 2 ? parts[2] : null;
    }

    private String part(int i) {
      return platform.split("/")[i];
    }
  }

  /** A layout whose {@code index.json} names an OCI image index of {@code platforms}, in order. */
  public static TinyBaseImage index(Path dir, String tag, String... platforms) {
    if (platforms.length == 0) {
      throw new IllegalArgumentException("an index of no platform");
    }
    List<PlatformImage> images = new ArrayList<>();
    List<Map<String, Object>> entries = new ArrayList<>();
    for (String platform : platforms) {
      PlatformImage image = build(platform);
      images.add(image);
      Map<String, Object> entry = descriptor(OCI_MANIFEST, image.manifest());
      entry.put("platform", platform(image));
      entries.add(entry);
    }
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("schemaVersion", 2);
    index.put("mediaType", OCI_INDEX);
    index.put("manifests", entries);
    byte[] top = json(index);
    return write(dir, tag, OCI_INDEX, top, images);
  }

  /** A layout whose {@code index.json} names one plain image manifest for {@code platform}. */
  public static TinyBaseImage single(Path dir, String tag, String platform) {
    PlatformImage image = build(platform);
    return write(dir, tag, OCI_MANIFEST, image.manifest(), List.of(image));
  }

  /** {@code oci:<dir>:<tag>}, skopeo's name of the layout's image. */
  public String reference() {
    return "oci:" + dir + ":" + tag;
  }

  /** The digest of {@link #top()}: the index's, or the one manifest's. */
  public String digest() {
    return TinyOciLayout.sha256(top);
  }

  /** The platforms, in order, e.g. {@code [linux/amd64, linux/arm64]}. */
  public List<String> platforms() {
    return images.stream().map(PlatformImage::platform).toList();
  }

  /** The image of {@code platform}; fails when the base has none. */
  public PlatformImage image(String platform) {
    return images.stream()
        .filter(i -> i.platform().equals(platform))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no " + platform + " in " + platforms()));
  }

  /** The layer digests of every platform image, in order. */
  public List<String> layerDigests() {
    return images.stream().map(PlatformImage::layerDigest).toList();
  }

  /**
   * {@code skopeo copy --all --preserve-digests oci:<dir>:<tag> docker://<repository>:<tag>}, then
   * checks that the registry holds exactly {@link #top()} under the tag.
   *
   * @param repository {@code ghcr.io/<owner>/<name>}
   * @return {@code <repository>@<digest>}, the reference to pin a base image by
   */
  public String pushTo(GhcrStandIn standIn, String repository) {
    standIn
        .skopeo(
            "copy",
            "--all",
            "--preserve-digests",
            reference(),
            "docker://" + repository + ":" + tag)
        .requireSuccess();
    String stored = standIn.skopeoTool().inspectRaw(repository + ":" + tag);
    if (!stored.equals(TinyOciLayout.text(top))) {
      throw new IllegalStateException(
          "skopeo stored other bytes under "
              + repository
              + ":"
              + tag
              + " than the layout holds:\n"
              + stored
              + "\nexpected:\n"
              + TinyOciLayout.text(top));
    }
    return repository + "@" + digest();
  }

  private static PlatformImage build(String platform) {
    String[] parts = platform.split("/");
    if (parts.length < 2 || parts.length > 3) {
      throw new IllegalArgumentException("not os/architecture[/variant]: " + platform);
    }
    byte[] tar = tar(PLATFORM_FILE, (platform + "\n").getBytes(StandardCharsets.UTF_8));
    byte[] layer = gzip(tar);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("architecture", parts[1]);
    config.put("os", parts[0]);
    if (parts.length == 3) {
      config.put("variant", parts[2]);
    }
    config.put("config", Map.of());
    config.put("rootfs", rootfs(TinyOciLayout.sha256(tar)));
    byte[] configBytes = json(config);
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", OCI_MANIFEST);
    manifest.put("config", descriptor(OCI_CONFIG, configBytes));
    manifest.put("layers", List.of(descriptor(OCI_LAYER, layer)));
    return new PlatformImage(platform, json(manifest), configBytes, layer);
  }

  private static Map<String, Object> rootfs(String diffId) {
    Map<String, Object> rootfs = new LinkedHashMap<>();
    rootfs.put("type", "layers");
    rootfs.put("diff_ids", List.of(diffId));
    return rootfs;
  }

  private static Map<String, Object> platform(PlatformImage image) {
    Map<String, Object> platform = new LinkedHashMap<>();
    platform.put("architecture", image.architecture());
    platform.put("os", image.os());
    if (image.variant() != null) {
      platform.put("variant", image.variant());
    }
    return platform;
  }

  private static TinyBaseImage write(
      Path dir, String tag, String topMediaType, byte[] top, List<PlatformImage> images) {
    try {
      Path blobs = Files.createDirectories(dir.resolve("blobs/sha256"));
      List<byte[]> all = new ArrayList<>();
      for (PlatformImage image : images) {
        all.addAll(List.of(image.layer(), image.config(), image.manifest()));
      }
      all.add(top);
      for (byte[] blob : all) {
        Files.write(blobs.resolve(TinyOciLayout.sha256(blob).substring("sha256:".length())), blob);
      }
      Map<String, Object> entry = descriptor(topMediaType, top);
      entry.put("annotations", Map.of("org.opencontainers.image.ref.name", tag));
      Map<String, Object> index = new LinkedHashMap<>();
      index.put("schemaVersion", 2);
      index.put("manifests", List.of(entry));
      Files.write(dir.resolve("index.json"), json(index));
      Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
      return new TinyBaseImage(dir, tag, top, List.copyOf(images));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the OCI layout " + dir, e);
    }
  }

  private static Map<String, Object> descriptor(String mediaType, byte[] blob) {
    Map<String, Object> descriptor = new LinkedHashMap<>();
    descriptor.put("mediaType", mediaType);
    descriptor.put("digest", TinyOciLayout.sha256(blob));
    descriptor.put("size", blob.length);
    return descriptor;
  }

  private static byte[] json(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One file at a fixed time, with no user name, so the bytes never depend on the run. */
  private static byte[] tar(String name, byte[] content) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      TarArchiveEntry entry = new TarArchiveEntry(name);
      entry.setSize(content.length);
      entry.setModTime(0L);
      entry.setUserName("");
      entry.setGroupName("");
      tar.putArchiveEntry(entry);
      tar.write(content);
      tar.closeArchiveEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Compressed already, so skopeo pushes layer and manifest exactly as written. */
  private static byte[] gzip(byte[] content) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
