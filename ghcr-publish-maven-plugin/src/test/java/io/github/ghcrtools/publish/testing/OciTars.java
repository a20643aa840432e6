package io.github.ghcrtools.publish.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Reads an OCI layout tar independently of the code under test. */
public final class OciTars {

  private static final ObjectMapper JSON = new ObjectMapper();

  private OciTars() {}

  public static Map<String, byte[]> entries(Path tar) throws IOException {
    Map<String, byte[]> entries = new HashMap<>();
    try (InputStream in = Files.newInputStream(tar);
        TarArchiveInputStream t = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry e = t.getNextEntry(); e != null; e = t.getNextEntry()) {
        if (e.isFile()) {
          entries.put(e.getName(), t.readAllBytes());
        }
      }
    }
    return entries;
  }

  public static JsonNode json(Map<String, byte[]> entries, String name) throws IOException {
    return JSON.readTree(entries.get(name));
  }

  public static String blob(String digest) {
    return "blobs/sha256/" + digest.substring("sha256:".length());
  }

  /** The manifest the index points at. */
  public static JsonNode manifest(Path tar) throws IOException {
    Map<String, byte[]> entries = entries(tar);
    String digest = json(entries, "index.json").path("manifests").get(0).path("digest").asText();
    return json(entries, blob(digest));
  }

  /** The image config. */
  public static JsonNode config(Path tar) throws IOException {
    Map<String, byte[]> entries = entries(tar);
    String digest = json(entries, "index.json").path("manifests").get(0).path("digest").asText();
    String config = json(entries, blob(digest)).path("config").path("digest").asText();
    return json(entries, blob(config));
  }
}
