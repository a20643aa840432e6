package io.github.ghcrtools.core.record;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What {@code build} or {@code package} produced locally, so a pull-request build (which never
 * pushes) still leaves a checkable result: the archive and its digest.
 *
 * @param schema always {@link PublishRecord#SCHEMA}
 * @param kind image or chart
 * @param name logical name
 * @param file the tar or tgz, relative to the project or as given
 * @param digest {@code sha256:<hex>} of the image manifest or of the chart archive
 * @param imageId image config digest, or null (charts)
 */
@JsonPropertyOrder({"schema", "kind", "name", "file", "digest", "imageId"})
public record BuildRecord(
    int schema, ArtifactKind kind, String name, String file, String digest, String imageId) {

  public BuildRecord {
    Fields.schema(schema, PublishRecord.SCHEMA);
    Fields.required("kind", kind);
    Fields.name(name);
    Fields.required("file", file);
    Fields.digest(digest);
  }

  /** A record with the current schema. */
  public static BuildRecord of(
      ArtifactKind kind, String name, String file, String digest, String imageId) {
    return new BuildRecord(PublishRecord.SCHEMA, kind, name, file, digest, imageId);
  }
}
