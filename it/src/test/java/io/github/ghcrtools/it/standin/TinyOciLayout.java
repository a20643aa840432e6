package io.github.ghcrtools.it.standin;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A one-layer image as an OCI layout directory, written here byte by byte, so skopeo has something
 * of known digests to copy into the stand-in without any other registry.
 *
 * @param dir the layout directory, for {@code skopeo copy oci:<dir>:<tag>}
 * @param manifest the manifest bytes, whose sha256 is the pushed digest
 */
record TinyOciLayout(Path dir, String tag, byte[] manifest) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Writes a layout holding one image under {@code tag}; its layer has {@code layerBytes} of noise.
   */
  static TinyOciLayout write(Path dir, String tag, int layerBytes) throws IOException {
    Files.createDirectories(dir.resolve("blobs/sha256"));
    byte[] tar = tar("noise.bin", noise(layerBytes));
    byte[] layer = gzip(tar);
    byte[] config =
        JSON.writeValueAsBytes(
            Map.of(
                "architecture",
                "amd64",
                "os",
                "linux",
                "rootfs",
                Map.of("type", "layers", "diff_ids", List.of(sha256(tar)))));
    byte[] manifest =
        JSON.writeValueAsBytes(
            Map.of(
                "schemaVersion",
                2,
                "mediaType",
                "application/vnd.oci.image.manifest.v1+json",
                "config",
                descriptor("application/vnd.oci.image.config.v1+json", config),
                "layers",
                List.of(descriptor("application/vnd.oci.image.layer.v1.tar+gzip", layer))));
    for (byte[] blob : List.of(layer, config, manifest)) {
      Files.write(dir.resolve("blobs/sha256").resolve(sha256(blob).substring(7)), blob);
    }
    Map<String, Object> entry = descriptor("application/vnd.oci.image.manifest.v1+json", manifest);
    entry.put("annotations", Map.of("org.opencontainers.image.ref.name", tag));
    JSON.writeValue(
        dir.resolve("index.json").toFile(),
        Map.of("schemaVersion", 2, "manifests", List.of(entry)));
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    return new TinyOciLayout(dir, tag, manifest);
  }

  String reference() {
    return "oci:" + dir + ":" + tag;
  }

  String digest() {
    return sha256(manifest);
  }

  private static Map<String, Object> descriptor(String mediaType, byte[] blob) {
    return new LinkedHashMap<>(
        Map.of("mediaType", mediaType, "digest", sha256(blob), "size", blob.length));
  }

  private static byte[] tar(String name, byte[] content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      TarArchiveEntry entry = new TarArchiveEntry(name);
      entry.setSize(content.length);
      tar.putArchiveEntry(entry);
      tar.write(content);
      tar.closeArchiveEntry();
    }
    return bytes.toByteArray();
  }

  /** Compressed already, so that skopeo pushes the layer (and manifest) exactly as written. */
  private static byte[] gzip(byte[] content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(content);
    }
    return bytes.toByteArray();
  }

  private static byte[] noise(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  static String sha256(byte[] bytes) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
