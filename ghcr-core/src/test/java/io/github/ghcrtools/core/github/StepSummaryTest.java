package io.github.ghcrtools.core.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepSummaryTest {

  @TempDir Path dir;

  @Test
  void appendsEscapedMarkdownTable() throws IOException {
    Path summary = Files.writeString(dir.resolve("summary.md"), "# Build\n\n");
    StepSummary.appendTable(
        summary,
        "Published\nimages",
        List.of("name", "reference"),
        List.of(
            List.of("api", "ghcr.io/acme/api:1@sha256:abc"),
            List.of("a|b", "line1\nline2"),
            Arrays.asList("back\\slash", null)));
    assertEquals(
        """
                # Build

                ### Published images

                | name | reference |
                | --- | --- |
                | api | ghcr.io/acme/api:1@sha256:abc |
                | a\\|b | line1<br>line2 |
                | back\\\\slash |  |

                """,
        Files.readString(summary));
  }

  @Test
  void refusesRowsOfTheWrongWidth() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                StepSummary.appendTable(
                    dir.resolve("s.md"),
                    "t",
                    List.of("a", "b"),
                    List.of(List.of("1", "2"), List.of("only one"))));
    assertEquals("Step summary row 2 has 1 cells but the table has 2 columns.", e.getMessage());
  }

  @Test
  void tableWithoutHeadingOrRows() throws IOException {
    Path summary = dir.resolve("s.md");
    StepSummary.appendTable(summary, null, List.of("skipped"), List.of());
    assertEquals("| skipped |\n| --- |\n\n", Files.readString(summary));
  }

  @Test
  void commandsAreAFencedBlockWithNothingEscaped() throws IOException {
    Path summary = Files.writeString(dir.resolve("summary.md"), "# Build\n\n");
    StepSummary.appendCommands(
        summary,
        "Verify",
        "Signed by\nthe workflow:",
        List.of("cosign verify x --certificate-identity-regexp '^a\\.b|c'", "gh a\nb"));
    assertEquals(
        """
                # Build

                ### Verify

                Signed by the workflow:

                ```sh
                cosign verify x --certificate-identity-regexp '^a\\.b|c'
                gh a b
                ```

                """,
        Files.readString(summary));
  }
}
