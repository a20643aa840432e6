package io.github.ghcrtools.it.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleTableTest {

  private static ScaleRun run(String tool, String scenario, int images, int i, long ms, int req) {
    return new ScaleRun(tool, scenario, images, i, ms, req, 1000L * req, 10L * req, 2);
  }

  @Test
  void tablesTakeMediansAndRangesPerCaseAndTool() {
    ScaleTable table =
        new ScaleTable(
            List.of(
                run("ours", "cold", 1, 1, 3000, 40),
                run("ours", "cold", 1, 2, 1000, 42),
                run("ours", "cold", 1, 3, 2000, 41),
                run("jib + helm", "cold", 1, 1, 4000, 50)));

    String markdown = table.markdown();

    assertTrue(
        markdown.contains(
            "| 1 | cold | ours | 2.00 s (1.00–3.00) | 41 (40–42) | 41,000 | 410 | 2 | 3 |"),
        markdown);
    assertTrue(markdown.contains("| 1 | cold | jib + helm | 4.00 s (4.00–4.00) |"), markdown);
  }

  @Test
  void growthDataHasOneRowPerImageCountWithEveryColumn() {
    ScaleTable table =
        new ScaleTable(
            List.of(
                run("ours", "cold", 2, 1, 2000, 80),
                run("jib + helm", "cold", 2, 1, 3000, 90),
                run("ours", "warm no-op", 2, 1, 1000, 10),
                run("jib + helm", "warm no-op", 2, 1, 1500, 20),
                run("ours", "cold", 4, 1, 2500, 160)));

    List<String> rows = table.growthData().lines().skip(1).toList();

    assertEquals(List.of("2 2.000 3.000 1.000 1.500 80 90 10 20"), rows, "4 images lack columns");
  }
}
