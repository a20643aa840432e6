package io.github.ghcrtools.helm.oci.push;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ghcrtools.core.registry.Sha256;
import io.github.ghcrtools.helm.oci.packaging.PackagedChart;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged chart is read as a stream and never held whole: the chart layer is the file on disk,
 * opened for each upload attempt, so the push of a large chart needs no heap of its size.
 */
class PackagedArchiveTest {

  @TempDir Path project;

  @Test
  void theChartLayerIsTheRecordedPackageStreamedFromItsFileOnEveryAttempt() throws IOException {
    PushFixture fixture = new PushFixture(project);
    PackagedChart chart = fixture.chart("app", "0.1.0", "An app");

    PackagedArchive archive =
        PackagedArchive.load(project, project.resolve("target/ghcr-publish/build"), "app");
    HelmManifest.Blob layer = archive.layer();

    byte[] packaged = Files.readAllBytes(chart.archive());
    assertEquals("app", archive.name());
    assertEquals("0.1.0", archive.version());
    assertEquals(chart.digest(), layer.digest());
    assertEquals(Sha256.digestOf(packaged), layer.digest());
    assertEquals(packaged.length, layer.size());
    assertEquals(HelmManifest.CHART_MEDIA_TYPE, layer.mediaType());
    assertArrayEquals(packaged, read(layer), "first attempt");
    assertArrayEquals(packaged, read(layer), "a retry sends it whole again");

    // no copy is kept: what goes out is what the file holds when the upload reads it
    byte[] other = "not the chart".getBytes(StandardCharsets.US_ASCII);
    Files.write(chart.archive(), other);
    assertArrayEquals(other, read(layer), "the layer is read from the file, not from memory");
  }

  private static byte[] read(HelmManifest.Blob blob) throws IOException {
    try (InputStream in = blob.content().open()) {
      return in.readAllBytes();
    }
  }
}
