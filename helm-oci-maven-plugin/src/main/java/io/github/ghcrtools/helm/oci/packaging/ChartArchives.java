package io.github.ghcrtools.helm.oci.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Reads a packaged chart back the way Helm's archive loader does, for the goals that ship the
 * {@code .tgz} {@code package} wrote: what Helm will see as the chart's metadata is what the
 * registry must be told.
 */
public final class ChartArchives {

  private ChartArchives() {}

  /**
   * The metadata Helm's loader builds from the archive: {@code Chart.yaml}, with the {@code
   * dependencies} of a {@code requirements.yaml} (apiVersion v1 charts) laid over it.
   *
   * @param location the archive as named in messages, e.g. {@code target/helm/app-0.1.0.tgz}
   * @throws InvalidChartException when the archive is unreadable or has no valid Chart.yaml
   */
  public static ChartMetadata readMetadata(String location, byte[] archive) {
    return readMetadata(location, new ByteArrayInputStream(archive));
  }

  /**
   * The same, read as a stream: only {@code Chart.yaml} and {@code requirements.yaml} are held, so
   * a chart of any size costs a few small buffers.
   *
   * @param archive the {@code .tgz}, left open
   */
  public static ChartMetadata readMetadata(String location, InputStream archive) {
    List<ChartFile> files =
        ChartArchiveReader.read(
            location,
            archive,
            path -> path.equals("Chart.yaml") || path.equals("requirements.yaml"));
    ChartMetadata metadata =
        files.stream()
            .filter(f -> f.path().equals("Chart.yaml"))
            .findFirst()
            .map(f -> ChartMetadata.parse(location + "!/Chart.yaml", f.data()))
            .orElseThrow(
                () ->
                    new InvalidChartException(
                        location
                            + " holds no Chart.yaml at the chart's top level;"
                            + " run helm-oci:package again"));
    Optional<ChartFile> requirements =
        files.stream().filter(f -> f.path().equals("requirements.yaml")).findFirst();
    if (requirements.isPresent()) {
      String file = location + "!/requirements.yaml";
      List<JsonNode> documents = Yaml.readDocuments(file, requirements.get().data());
      JsonNode dependencies =
          documents.isEmpty() || documents.get(0) == null
              ? null
              : documents.get(0).get("dependencies");
      if (dependencies != null && !dependencies.isNull()) {
        metadata = metadata.overlay("dependencies", dependencies);
      }
    }
    return metadata;
  }
}
