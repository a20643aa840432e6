package io.github.ghcrtools.deploy.signal;

import static io.github.ghcrtools.deploy.signal.Records.API_DIGEST;
import static io.github.ghcrtools.deploy.signal.Records.WEB_DIGEST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.PublishRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReleaseAssemblerTest {

  @Test
  void assemblesChartAndSortedDigestPinnedImages() {
    Release release = ReleaseAssembler.assemble(Records.example(), null);

    assertEquals("oci://ghcr.io/acme/charts/pytoya", release.chart());
    assertEquals("1.2.3", release.chartVersion());
    assertEquals(List.of("api", "web"), new ArrayList<>(release.images().keySet()));
    assertEquals("ghcr.io/acme/pytoya/api:1.2.3@" + API_DIGEST, release.images().get("api"));
    assertEquals("ghcr.io/acme/pytoya/web:1.2.3@" + WEB_DIGEST, release.images().get("web"));
  }

  @Test
  void namedChartIsChosenAmongSeveral() {
    var records = new ArrayList<>(Records.example());
    records.add(Records.chart("other", "9.9.9"));

    assertEquals(
        "oci://ghcr.io/acme/charts/other", ReleaseAssembler.assemble(records, "other").chart());
  }

  @Test
  void theSameRecordReachedTwiceCountsOnce() {
    var records = new ArrayList<>(Records.example());
    records.addAll(Records.example());

    assertEquals(2, ReleaseAssembler.assemble(records, null).images().size());
  }

  @Test
  void anArtifactRecordChangesNothingInTheSignal() {
    var records = new ArrayList<>(Records.example());
    // an OCI artifact (ghcr:artifact) named like an image and pushed by the same build
    records.add(
        1,
        new PublishRecord(
            PublishRecord.SCHEMA,
            ArtifactKind.ARTIFACT,
            "api",
            "ghcr.io/acme/pytoya/api-installer",
            "sha256:" + "d".repeat(64),
            List.of("1.2.3", "latest"),
            "1.2.3",
            Records.REVISION,
            Instant.parse("2026-01-01T00:00:00Z"),
            null,
            null));

    assertEquals(
        ReleaseAssembler.assemble(Records.example(), null),
        ReleaseAssembler.assemble(records, null));
  }

  static Stream<Arguments> refusals() {
    PublishRecord api = Records.example().get(2);
    PublishRecord chart = Records.chart("pytoya", "1.2.3");
    return Stream.of(
        Arguments.of("no records", List.of(), null, "No publish records found"),
        Arguments.of("no chart", List.of(api), null, "No chart record found"),
        Arguments.of(
            "two charts",
            List.of(api, chart, Records.chart("b", "1.0.0")),
            null,
            "Several chart records found [pytoya, b]: choose one with -Ddeploy-signal.chart=<name>"),
        Arguments.of(
            "unknown chart name", List.of(api, chart), "nope", "No chart record named 'nope'"),
        Arguments.of(
            "duplicate names",
            List.of(chart, api, Records.image("api", "ghcr.io/acme/other", WEB_DIGEST, "1.2.3")),
            null,
            "Two image records share the logical name 'api'"),
        Arguments.of(
            "bad logical name",
            List.of(chart, Records.image("Api", "ghcr.io/acme/api", API_DIGEST, "1.0.0")),
            null,
            "Image record name 'Api' is not a valid logical name"),
        Arguments.of(
            "two revisions",
            List.of(chart, otherRevision(api)),
            null,
            "The publish records come from different commits"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void refuses(String name, List<PublishRecord> records, String chartName, String message) {
    SignalException e =
        assertThrows(SignalException.class, () -> ReleaseAssembler.assemble(records, chartName));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  private static PublishRecord otherRevision(PublishRecord r) {
    return new PublishRecord(
        r.schema(),
        ArtifactKind.IMAGE,
        r.name(),
        r.repository(),
        r.digest(),
        r.tags(),
        r.version(),
        "f".repeat(40),
        Instant.EPOCH,
        null,
        null);
  }
}
