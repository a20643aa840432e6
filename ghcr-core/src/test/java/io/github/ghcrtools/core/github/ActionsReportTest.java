package io.github.ghcrtools.core.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActionsReportTest {

  @TempDir Path dir;

  @Test
  void writesTheOutputsAndOneSummaryRow() throws Exception {
    Path output = dir.resolve("output");
    Path summary = dir.resolve("summary");
    new ActionsReport(Optional.of(output), Optional.of(summary))
        .write(
            Map.of("image-api-digest", "sha256:1"),
            "Images",
            List.of("Image", "Digest"),
            List.of("api", "sha256:1"));

    assertTrue(Files.readString(output).contains("image-api-digest"), Files.readString(output));
    assertTrue(Files.readString(output).contains("sha256:1"), Files.readString(output));
    String table = Files.readString(summary);
    assertTrue(table.contains("Images"), table);
    assertTrue(table.contains("| api | sha256:1 |"), table);
  }

  @Test
  void noOutputsLeaveTheOutputFileAlone() throws Exception {
    Path output = dir.resolve("output");
    Path summary = dir.resolve("summary");
    new ActionsReport(Optional.of(output), Optional.of(summary))
        .write(Map.of(), "Images", List.of("Image", "Result"), List.of("api", "not pushed"));

    assertFalse(Files.exists(output));
    assertTrue(Files.readString(summary).contains("| api | not pushed |"));
  }

  @Test
  void outsideActionsNothingIsWritten() throws Exception {
    new ActionsReport(Optional.empty(), Optional.empty())
        .write(Map.of("k", "v"), "Images", List.of("Image"), List.of("api"));

    try (var files = Files.list(dir)) {
      assertEquals(0, files.count());
    }
  }
}
