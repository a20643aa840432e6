package io.github.ghcrtools.helm.oci.packaging;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code package} produced, written so that pull-request builds, which push nothing, can
 * still be checked: {@code target/ghcr-publish/build/chart-<name>.json}.
 *
 * <p>TODO(ghcr-core): a stand-in with the fields and order of ghcr-core's {@code BuildRecord}
 * (schema 1, kind "chart", name, file, digest, imageId null), written while that API was not yet
 * installed. Replace this class with {@code PublishRecords.writeBuild(dir,
 * BuildRecord.of(ArtifactKind.CHART, name, file, digest, null))}.
 */
@JsonPropertyOrder({"schema", "kind", "name", "file", "digest", "imageId"})
record ChartBuildRecord(int schema, String kind, String name, String file, String digest, String imageId) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static ChartBuildRecord of(String name, String file, String digest) {
        return new ChartBuildRecord(1, "chart", name, file, digest, null);
    }

    /** Writes {@code <directory>/chart-<name>.json} and returns its path. */
    Path write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve("chart-" + name + ".json");
        Files.write(file, JSON.writeValueAsBytes(this));
        return file;
    }
}
