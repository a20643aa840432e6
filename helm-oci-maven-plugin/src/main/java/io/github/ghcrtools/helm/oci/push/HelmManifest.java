package io.github.ghcrtools.helm.oci.push;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghcrtools.core.registry.BlobContent;
import io.github.ghcrtools.core.registry.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OCI image manifest of a chart, shaped as {@code helm push} shapes it (Helm's {@code
 * tagManifest}, Go's {@code ocispec.Manifest}): {@code schemaVersion}, {@code config}, {@code
 * layers}, {@code annotations}, no {@code mediaType} field (the media type travels in the
 * Content-Type header). Its digest is computed here, before any network call, which is what makes
 * "this version is already there" and "this version is taken by other content" decidable.
 *
 * @param json the manifest as pushed, ASCII-only so its bytes do not depend on a charset
 * @param digest {@code sha256:} of {@code json}'s bytes
 */
record HelmManifest(String json, String digest, Blob config, Blob chart) {

  /** Media type of the manifest itself (sent as Content-Type). */
  static final String MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";

  static final String CONFIG_MEDIA_TYPE = "application/vnd.cncf.helm.config.v1+json";
  static final String CHART_MEDIA_TYPE = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";

  /**
   * @param configBytes {@link HelmConfig#bytes}
   * @param chartBytes the packaged {@code .tgz}
   * @param annotations {@link HelmAnnotations#of}
   */
  static HelmManifest of(byte[] configBytes, byte[] chartBytes, Map<String, String> annotations) {
    return of(configBytes, Blob.of(CHART_MEDIA_TYPE, chartBytes), annotations);
  }

  /**
   * @param chart the chart layer, e.g. {@link PackagedArchive#layer()} streamed from the file
   */
  static HelmManifest of(byte[] configBytes, Blob chart, Map<String, String> annotations) {
    Blob config = Blob.of(CONFIG_MEDIA_TYPE, configBytes);
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode manifest = nodes.objectNode();
    manifest.put("schemaVersion", 2);
    manifest.set("config", config.descriptor());
    manifest.putArray("layers").add(chart.descriptor());
    if (!annotations.isEmpty()) {
      ObjectNode out = manifest.putObject("annotations");
      new TreeMap<>(annotations).forEach(out::put);
    }
    String json = GoJson.ascii(manifest);
    return new HelmManifest(
        json, Sha256.digestOf(json.getBytes(StandardCharsets.US_ASCII)), config, chart);
  }

  /**
   * A blob of the artifact with its descriptor fields, and its bytes as a source opened anew for
   * each upload attempt (a small config in memory, the chart streamed from its file).
   */
  record Blob(String mediaType, String digest, long size, BlobContent content) {

    static Blob of(String mediaType, byte[] data) {
      return new Blob(mediaType, Sha256.digestOf(data), data.length, BlobContent.of(data));
    }

    ObjectNode descriptor() {
      ObjectNode descriptor = JsonNodeFactory.instance.objectNode();
      descriptor.put("mediaType", mediaType);
      descriptor.put("digest", digest);
      descriptor.put("size", size);
      return descriptor;
    }
  }
}
