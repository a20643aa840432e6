package io.github.ghcrtools.helm.oci.packaging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a packaged chart's metadata streams the archive and keeps only the small files it needs,
 * while every entry is still checked against Helm's limits.
 */
class ChartArchivesTest {

  @TempDir Path project;

  @Test
  void metadataIsReadFromAStreamKeepingOnlyChartYaml() throws IOException {
    Path dir = SampleChart.create(project.resolve("src/main/helm"), "big");
    byte[] noise = new byte[4 * 1024 * 1024];
    new Random(7).nextBytes(noise);
    SampleChart.write(dir, "files/noise.bin", noise);
    PackagedChart chart = ChartPackager.pack(SampleChart.request(project, dir));

    List<ChartFile> kept;
    ChartMetadata metadata;
    try (InputStream in = Files.newInputStream(chart.archive())) {
      kept = ChartArchiveReader.read("big.tgz", in, path -> path.equals("Chart.yaml"));
    }
    try (InputStream in = Files.newInputStream(chart.archive())) {
      metadata = ChartArchives.readMetadata("big.tgz", in);
    }

    assertEquals(List.of("Chart.yaml"), kept.stream().map(ChartFile::path).toList());
    assertEquals(Optional.of("big"), metadata.name());
    assertEquals(Optional.of("0.1.0"), metadata.version());
    assertEquals(
        metadata.name(),
        ChartArchives.readMetadata("big.tgz", Files.readAllBytes(chart.archive())).name(),
        "the stream and the byte[] forms read the same metadata");
  }

  @Test
  void anEntryBeyondHelmsLimitIsRefusedEvenWhenItIsNotKept() throws IOException {
    // one entry above 5 MiB, which the packager itself would refuse
    Path tooBig = project.resolve("too-big.tgz");
    try (TarArchiveOutputStream out =
        new TarArchiveOutputStream(new GZIPOutputStream(Files.newOutputStream(tooBig)))) {
      add(out, "big/Chart.yaml", SampleChart.chartYaml("big", "0.1.0").getBytes(UTF_8));
      add(out, "big/files/huge", new byte[(int) ChartDirectoryReader.MAX_FILE_SIZE + 1]);
    }

    InvalidChartException e;
    try (InputStream in = Files.newInputStream(tooBig)) {
      e =
          assertThrows(
              InvalidChartException.class, () -> ChartArchives.readMetadata("too-big.tgz", in));
    }
    assertTrue(e.getMessage().contains("larger than Helm's limits"), e.getMessage());
  }

  private static void add(TarArchiveOutputStream out, String name, byte[] data) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(data.length);
    out.putArchiveEntry(entry);
    out.write(data);
    out.closeArchiveEntry();
  }
}
