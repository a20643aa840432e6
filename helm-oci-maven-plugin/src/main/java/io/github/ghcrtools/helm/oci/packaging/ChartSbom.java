package io.github.ghcrtools.helm.oci.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.core.reactor.RunShared;
import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.BuildRecord;
import io.github.ghcrtools.core.record.PublishRecords;
import io.github.ghcrtools.core.sbom.SbomComponents;
import io.github.ghcrtools.core.sbom.SbomDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.Property;

/**
 * The CycloneDX SBOM of a packaged chart, read from the package itself (what is pushed): the chart
 * with the SHA-256 of its {@code .tgz}, its {@code Chart.yaml} dependencies, and the container
 * images its {@code values.yaml} names ({@code image: {repository, tag|digest}} mappings, and
 * strings that are image references with a registry host). Written beside the package as {@code
 * <name>-<version>.cdx.json}.
 */
public final class ChartSbom {

  /** {@code host[:port]/path[:tag][@sha256:hex]}: the host makes a string an image reference. */
  private static final Pattern IMAGE =
      Pattern.compile(
          "[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9-]+)+(:[0-9]+)?/[a-z0-9._/-]+"
              + "(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[0-9a-f]{64})?");

  private static final ObjectMapper JSON = new ObjectMapper();

  private ChartSbom() {}

  /** Where the SBOM of {@code chart} goes: beside the {@code .tgz}, {@code .cdx.json} for it. */
  public static Path file(PackagedChart chart) {
    return file(chart.archive());
  }

  private static Path file(Path archive) {
    String name = archive.getFileName().toString();
    return archive.resolveSibling(
        (name.endsWith(".tgz") ? name.substring(0, name.length() - 4) : name) + ".cdx.json");
  }

  /**
   * Starts compiling the CycloneDX schema in the background when {@code outputDirectory} holds no
   * SBOM yet (a first package): it then compiles while the chart is scanned and packed. A later
   * package leaves the CPU alone: an unchanged chart's SBOM is current and needs no schema, and a
   * changed one compiles it when its SBOM is written, as before. Only a head start: a directory
   * that cannot be listed starts nothing.
   */
  public static void warmUpForFirstPackage(Path outputDirectory, RunShared run) {
    if (Files.isDirectory(outputDirectory)) {
      try (Stream<Path> files = Files.list(outputDirectory)) {
        if (files.anyMatch(f -> f.getFileName().toString().endsWith(".cdx.json"))) {
          return;
        }
      } catch (IOException e) {
        return;
      }
    }
    SbomDocument.warmUp(run);
  }

  /**
   * The SBOM {@code helm-oci:package} wrote for the chart its build record names, if it did and it
   * describes that very archive.
   *
   * @param buildDirectory {@code target}
   */
  public static Optional<Path> recorded(Path projectDirectory, Path buildDirectory, String chart)
      throws IOException {
    Path record =
        PublishRecords.buildRecordFile(
            PublishRecords.buildRecordsDirectory(buildDirectory), ArtifactKind.CHART, chart);
    if (!Files.isRegularFile(record)) {
      return Optional.empty();
    }
    BuildRecord built = PublishRecords.readBuild(record);
    Path sbom = file(projectDirectory.resolve(built.file()));
    if (!Files.isRegularFile(sbom)) {
      return Optional.empty();
    }
    // an SBOM of an earlier package of the same version describes another archive
    String described =
        JSON.readTree(sbom.toFile())
            .path("metadata")
            .path("component")
            .path("hashes")
            .path(0)
            .path("content")
            .asText();
    return ("sha256:" + described).equals(built.digest()) ? Optional.of(sbom) : Optional.empty();
  }

  /**
   * @param created the package's timestamp (the SBOM's, so a rebuild writes the same bytes)
   * @param run the Maven run, whose plugins share the schema check
   */
  public static Path write(PackagedChart chart, Instant created, RunShared run) throws IOException {
    if (SbomDocument.current(file(chart), chart.name(), chart.digest())) {
      return file(chart); // the same archive as last time: its SBOM is the same too
    }
    Chart loaded =
        ChartLoader.fromFiles(
            "", ChartArchiveReader.read(chart.displayPath(), Files.readAllBytes(chart.archive())));
    List<Component> components = new ArrayList<>();
    dependencies(loaded.metadata(), components);
    for (ChartFile file : loaded.files()) {
      if (file.path().equals("values.yaml")) {
        for (JsonNode document : Yaml.readDocuments("values.yaml", file.data())) {
          images(document, "", components);
        }
      }
    }
    Component subject = new Component();
    subject.setType(Component.Type.APPLICATION);
    subject.setName(chart.name());
    subject.setVersion(chart.version());
    subject.setBomRef("chart");
    subject.setDescription("Helm chart");
    subject.addHash(new Hash(Hash.Algorithm.SHA_256, chart.digest().substring("sha256:".length())));
    byte[] json = SbomDocument.json(subject, chart.digest(), created, dedupe(components), run);
    return SbomDocument.write(file(chart), json);
  }

  private static void dependencies(ChartMetadata metadata, List<Component> components) {
    JsonNode list = metadata.node("dependencies").orElse(null);
    if (list == null || !list.isArray()) {
      return;
    }
    for (JsonNode entry : list) {
      Component dependency = new Component();
      dependency.setType(Component.Type.APPLICATION);
      dependency.setName(entry.path("name").asText());
      if (entry.hasNonNull("version")) {
        dependency.setVersion(entry.path("version").asText());
      }
      dependency.setBomRef(
          "chart-dependency:"
              + entry.path("alias").asText(entry.path("name").asText())
              + "@"
              + entry.path("version").asText(""));
      if (entry.hasNonNull("repository")) {
        Property repository = new Property();
        repository.setName("helm:repository");
        repository.setValue(entry.path("repository").asText());
        dependency.addProperty(repository);
      }
      components.add(dependency);
    }
  }

  /** Image references anywhere in {@code node}; {@code path} is where, for the component. */
  private static void images(JsonNode node, String path, List<Component> components) {
    if (node == null) {
      return;
    }
    if (node.isObject()) {
      JsonNode repository = node.get("repository");
      if (repository != null && repository.isTextual() && !repository.asText().isBlank()) {
        String reference = repository.asText();
        JsonNode registry = node.get("registry");
        if (registry != null && registry.isTextual() && !registry.asText().isBlank()) {
          reference = registry.asText() + "/" + reference;
        }
        String digest = node.path("digest").asText("");
        String tag = node.path("tag").asText("");
        if (!tag.isEmpty()) {
          reference += ":" + tag;
        }
        components.add(image(reference, digest.startsWith("sha256:") ? digest : null, path));
      }
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        if (!field.getKey().equals("repository")) {
          images(field.getValue(), path + "." + field.getKey(), components);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        images(node.get(i), path + "[" + i + "]", components);
      }
    } else if (node.isTextual() && IMAGE.matcher(node.asText()).matches()) {
      String reference = node.asText();
      int at = reference.indexOf("@sha256:");
      components.add(image(reference, at > 0 ? reference.substring(at + 1) : null, path));
    }
  }

  private static Component image(String reference, String digest, String path) {
    Component image = SbomComponents.container(reference, null, digest);
    image.setBomRef("image:" + reference + (digest == null ? "" : "@" + digest));
    Property where = new Property();
    where.setName("helm:values");
    where.setValue(path.isEmpty() ? "." : path.substring(1));
    image.addProperty(where);
    return image;
  }

  /** Components by bom-ref, first one kept: a bom-ref must be unique in a CycloneDX document. */
  private static List<Component> dedupe(List<Component> components) {
    Map<String, Component> unique = new java.util.LinkedHashMap<>();
    components.forEach(c -> unique.putIfAbsent(c.getBomRef(), c));
    return new ArrayList<>(unique.values());
  }
}
