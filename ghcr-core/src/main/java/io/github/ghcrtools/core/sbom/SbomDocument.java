package io.github.ghcrtools.core.sbom;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.core.reactor.RunShared;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Metadata;

/**
 * A CycloneDX 1.6 JSON SBOM of one image or chart, made reproducible: the serial number comes from
 * the subject's name and digest, the timestamp from the build's output timestamp, and components
 * are sorted, so two builds of one commit write the same bytes (and so the same referrer digest).
 * Every document is checked against the CycloneDX schema before it is written.
 */
public final class SbomDocument {

  /** The SBOM's CycloneDX version. */
  public static final Version VERSION = Version.VERSION_16;

  private static final ObjectMapper JSON = new ObjectMapper();

  private SbomDocument() {}

  /**
   * @param subject what the SBOM describes (the image or the chart)
   * @param digest the subject's digest, part of the serial number
   * @param created the build's output timestamp
   * @param run the Maven run, whose plugins share the schema check
   */
  public static byte[] json(
      Component subject,
      String digest,
      Instant created,
      List<Component> components,
      RunShared run) {
    Bom bom = new Bom();
    bom.setSerialNumber(serialNumber(subject.getName(), digest));
    bom.setVersion(1);
    Metadata metadata = new Metadata();
    metadata.setTimestamp(Date.from(created));
    metadata.setComponent(subject);
    bom.setMetadata(metadata);
    List<Component> sorted = new ArrayList<>(components);
    sorted.sort(
        Comparator.comparing((Component c) -> c.getType().getTypeName())
            .thenComparing(c -> c.getBomRef() == null ? c.getName() : c.getBomRef()));
    bom.setComponents(sorted);
    String json;
    try {
      json = BomGeneratorFactory.createJson(VERSION, bom).toJsonString(true);
    } catch (GeneratorException e) {
      throw new IllegalStateException("cannot write the SBOM of " + subject.getName(), e);
    }
    byte[] bytes = (json.endsWith("\n") ? json : json + "\n").getBytes(StandardCharsets.UTF_8);
    validate(bytes, subject.getName(), run);
    return bytes;
  }

  /** {@code urn:uuid:} from the subject's name and digest: the same for every build of it. */
  static String serialNumber(String subjectName, String digest) {
    return "urn:uuid:"
        + UUID.nameUUIDFromBytes(
            ("ghcr-sbom " + subjectName + " " + digest).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * True when {@code file} is the SBOM this code wrote for {@code subjectName} at {@code digest}:
   * the digest pins everything the SBOM lists (the jars and files are in the image's layers, the
   * base in its manifest), so a push after {@code build}, or a warm build, need not hash every jar
   * and validate again.
   */
  public static boolean current(Path file, String subjectName, String digest) {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try {
      return serialNumber(subjectName, digest)
          .equals(JSON.readTree(file.toFile()).path("serialNumber").asText());
    } catch (IOException e) {
      return false; // unreadable: written again
    }
  }

  /**
   * Starts compiling the CycloneDX schema in the background, for an SBOM this goal makes later,
   * unless a goal of the run did.
   */
  public static void warmUp(RunShared run) {
    SbomSchema.warmUp(run);
  }

  /** Writes {@code bytes} to {@code file} unless it holds them already (a warm build). */
  public static Path write(Path file, byte[] bytes) throws IOException {
    if (Files.isRegularFile(file)
        && Files.size(file) == bytes.length
        && java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
      return file;
    }
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
    return file;
  }

  private static void validate(byte[] bytes, String name, RunShared run) {
    List<String> errors = SbomSchema.violations(bytes, run);
    if (!errors.isEmpty()) {
      throw new IllegalStateException(
          "The SBOM of "
              + name
              + " does not validate against CycloneDX "
              + VERSION.getVersionString()
              + ": "
              + errors
              + ". This is a bug in the plugin; please report it with the project's pom.xml.");
    }
  }
}
