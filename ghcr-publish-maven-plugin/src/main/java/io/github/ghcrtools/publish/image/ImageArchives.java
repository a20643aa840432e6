package io.github.ghcrtools.publish.image;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * Reads image tars: tells {@code docker save} archives from OCI layout archives, extracts them
 * safely, reads the manifest of the OCI tar the build writes (for layer counts and to check the
 * digest Jib reported), and hands out its blobs for the push.
 */
public final class ImageArchives {

  /** The two tar layouts a base image may come in. */
  public enum Format {
    DOCKER_SAVE,
    OCI_LAYOUT
  }

  private static final long SMALL_ENTRY = 4L * 1024 * 1024;

  private ImageArchives() {}

  public static Format detect(Path tar) throws IOException {
    boolean oci = false;
    try (TarArchiveInputStream in = open(tar)) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        String name = normalize(e.getName());
        if (name.equals("manifest.json")) {
          return Format.DOCKER_SAVE;
        }
        if (name.equals("index.json")) {
          oci = true;
        }
      }
    }
    if (oci) {
      return Format.OCI_LAYOUT;
    }
    throw new IOException(
        tar.getFileName()
            + " is neither a 'docker save' archive (manifest.json) nor an OCI image layout (index.json)");
  }

  /** Reads the single image manifest of an OCI layout tar without extracting its layers. */
  public static OciImageManifest readOciTar(Path tar, Optional<ImagePlatform> platform)
      throws IOException {
    Map<String, byte[]> small = smallEntries(tar);
    return OciLayoutReader.resolve(
        indexJson(tar, small), blobs(small), platform, tar.getFileName().toString());
  }

  /** Reads the image (a manifest, or an index of platform manifests) of a tar this plugin wrote. */
  public static OciLayoutReader.ArchivedImage readImage(Path tar) throws IOException {
    Map<String, byte[]> small = smallEntries(tar);
    return OciLayoutReader.readImage(
        indexJson(tar, small), blobs(small), tar.getFileName().toString());
  }

  private static OciLayoutReader.Blobs blobs(Map<String, byte[]> small) {
    return digest -> Optional.ofNullable(small.get(OciLayoutReader.blobPath(digest)));
  }

  /**
   * The small entries (manifests, configs, index.json) by name. The archive is read as a file, not
   * a stream: a big layer is passed over by seeking, never read, so a push reads each layer once,
   * for its upload.
   */
  private static Map<String, byte[]> smallEntries(Path tar) throws IOException {
    Map<String, byte[]> small = new HashMap<>();
    try (TarFile archive = new TarFile(tar)) {
      for (TarArchiveEntry e : archive.getEntries()) {
        if (e.isFile() && e.getSize() <= SMALL_ENTRY) {
          try (InputStream in = archive.getInputStream(e)) {
            small.put(normalize(e.getName()), in.readAllBytes());
          }
        }
      }
    }
    return small;
  }

  private static byte[] indexJson(Path tar, Map<String, byte[]> small) throws IOException {
    byte[] index = small.get("index.json");
    if (index == null) {
      throw new IOException(
          tar.getFileName() + " has no index.json; it is not an OCI image layout");
    }
    return index;
  }

  /**
   * Copies one blob of an OCI layout tar to {@code out}, straight from the archive (nothing is
   * extracted), so a push sends exactly the bytes the build wrote.
   */
  public static void copyBlob(Path tar, String digest, OutputStream out) throws IOException {
    String path = OciLayoutReader.blobPath(digest);
    try (TarFile archive = new TarFile(tar)) {
      for (TarArchiveEntry e : archive.getEntries()) {
        if (e.isFile() && normalize(e.getName()).equals(path)) {
          try (InputStream in = archive.getInputStream(e)) {
            in.transferTo(out);
          }
          return;
        }
      }
    }
    throw new IOException(tar.getFileName() + " has no blob " + digest + "; run ghcr:build again");
  }

  /**
   * Opens one blob of an OCI layout tar for reading, straight from the archive; closing the stream
   * closes the archive. Each call opens it anew, so a retried upload starts over.
   */
  public static InputStream openBlob(Path tar, String digest) throws IOException {
    String path = OciLayoutReader.blobPath(digest);
    TarFile archive = new TarFile(tar);
    try {
      for (TarArchiveEntry e : archive.getEntries()) {
        if (e.isFile() && normalize(e.getName()).equals(path)) {
          return new java.io.FilterInputStream(archive.getInputStream(e)) {
            @Override
            public void close() throws IOException {
              try {
                super.close();
              } finally {
                archive.close();
              }
            }
          };
        }
      }
    } catch (IOException | RuntimeException e) {
      archive.close();
      throw e;
    }
    archive.close();
    throw new IOException(tar.getFileName() + " has no blob " + digest + "; run ghcr:build again");
  }

  /** The bytes of one (small) blob of an OCI layout tar, e.g. the image manifest. */
  public static byte[] readBlob(Path tar, String digest) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    copyBlob(tar, digest, out);
    return out.toByteArray();
  }

  /**
   * Extracts regular files and directories below {@code target}; links and escaping paths are
   * refused.
   */
  public static void extract(Path tar, Path target) throws IOException {
    Files.createDirectories(target);
    Path root = target.toAbsolutePath().normalize();
    try (TarArchiveInputStream in = open(tar)) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        String name = normalize(e.getName());
        if (name.isEmpty()) {
          continue;
        }
        Path out = root.resolve(name).normalize();
        if (!out.startsWith(root)) {
          throw new IOException(
              tar.getFileName() + ": entry '" + e.getName() + "' points outside the archive");
        }
        if (e.isDirectory()) {
          Files.createDirectories(out);
        } else if (e.isFile()) {
          Files.createDirectories(out.getParent());
          Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static TarArchiveInputStream open(Path tar) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(tar));
    return new TarArchiveInputStream(in);
  }

  private static String normalize(String name) {
    String n = name;
    while (n.startsWith("./")) {
      n = n.substring(2);
    }
    while (n.startsWith("/")) {
      n = n.substring(1);
    }
    return n;
  }
}
