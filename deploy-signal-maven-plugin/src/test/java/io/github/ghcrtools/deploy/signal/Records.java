package io.github.ghcrtools.deploy.signal;

import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.PublishRecord;
import java.time.Instant;
import java.util.List;

/** Publish records as the push goals write them, for the signal's tests. */
final class Records {

  static final String API_DIGEST = "sha256:" + "a".repeat(64);
  static final String WEB_DIGEST = "sha256:" + "b".repeat(64);
  static final String CHART_DIGEST = "sha256:" + "c".repeat(64);
  static final String REVISION = "0123456789abcdef0123456789abcdef01234567";

  private Records() {}

  static PublishRecord image(String name, String repository, String digest, String... tags) {
    return new PublishRecord(
        PublishRecord.SCHEMA,
        ArtifactKind.IMAGE,
        name,
        repository,
        digest,
        List.of(tags),
        "1.2.3",
        REVISION,
        Instant.parse("2026-01-01T00:00:00Z"),
        null,
        null);
  }

  static PublishRecord chart(String name, String version) {
    return new PublishRecord(
        PublishRecord.SCHEMA,
        ArtifactKind.CHART,
        name,
        "ghcr.io/acme/charts/" + name,
        CHART_DIGEST,
        List.of(version),
        version,
        REVISION,
        Instant.parse("2026-01-01T00:00:00Z"),
        null,
        null);
  }

  static List<PublishRecord> example() {
    return List.of(
        image("web", "ghcr.io/acme/pytoya/web", WEB_DIGEST, "1.2.3", "1.2", "latest"),
        chart("pytoya", "1.2.3"),
        image("api", "ghcr.io/acme/pytoya/api", API_DIGEST, "1.2.3", "sha-0123456"));
  }
}
