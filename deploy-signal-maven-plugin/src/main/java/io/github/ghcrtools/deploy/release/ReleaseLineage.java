package io.github.ghcrtools.deploy.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.ghcrtools.core.record.PublishRecord;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The release's lineage, {@code release.json} among the assets: every artifact with its digest,
 * tags, version, source commit, size and what is attached to it, plus the workflow run and the
 * previous release, so that anyone holding the release can trace each digest to its source and
 * build. The deploy signal's own {@code target/deploy-signal/release.json} stays what it is, the
 * one invocation of the deploy script (one chart, the images), which the deploy job reads; this
 * file describes every artifact, charts included, and needs no signal.
 */
final class ReleaseLineage {

  /** The format this code writes. */
  static final int SCHEMA = 1;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReleaseLineage() {}

  static String json(ReleaseContent release, List<String> assets) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("schema", SCHEMA);
    json.put("name", release.name());
    json.put("version", release.version());
    json.put("prerelease", release.prerelease());
    json.put("previousVersion", release.previousVersion().orElse(null));
    json.put("revision", release.revision());
    json.put("workflowRun", release.runUrl());
    List<Map<String, Object>> artifacts = new ArrayList<>();
    for (ReleaseArtifact artifact : release.artifacts()) {
      artifacts.add(artifact(artifact));
    }
    json.put("artifacts", artifacts);
    json.put("assets", assets);
    try {
      return JSON.writeValueAsString(json) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> artifact(ReleaseArtifact artifact) {
    PublishRecord record = artifact.record();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("kind", record.kind().value());
    json.put("name", record.name());
    json.put("repository", record.repository());
    json.put("digest", record.digest());
    json.put("reference", record.immutableReference());
    json.put("tags", record.tags());
    json.put("version", record.version());
    json.put("revision", record.revision());
    List<Map<String, Object>> platforms = new ArrayList<>();
    for (PlatformSize size : artifact.size().platforms()) {
      Map<String, Object> platform = new LinkedHashMap<>();
      platform.put("platform", size.platform());
      platform.put("size", size.size());
      platforms.add(platform);
    }
    json.put("platforms", platforms);
    json.put("size", artifact.size().known() ? artifact.size().size() : null);
    json.put("sizePlatform", artifact.size().basis());
    json.put("previousSize", artifact.previous().map(ArtifactSize::size).orElse(null));
    json.put("sizeChange", artifact.change().isPresent() ? artifact.change().getAsLong() : null);
    json.put("referrers", record.referrers());
    return json;
  }
}
