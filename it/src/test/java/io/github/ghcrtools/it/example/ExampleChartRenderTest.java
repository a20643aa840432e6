package io.github.ghcrtools.it.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the example chart (examples/pytoya/chart) with the real Helm library, as {@code
 * scripts/deploy-pytoya.sh} would install it with a runner's values file. It runs in this JVM: a
 * chart on disk needs no registry, login or Helm configuration.
 */
class ExampleChartRenderTest {

  private static final Path CHART =
      Path.of("..", "examples", "pytoya", "chart", "src", "main", "helm", "pytoya")
          .toAbsolutePath()
          .normalize();
  private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);
  private static final String IMAGES =
      "images:\n"
          + "  api: ghcr.io/acme/pytoya/api:0.1.0@"
          + DIGEST
          + "\n"
          + "  web: ghcr.io/acme/pytoya/web:0.1.0@"
          + DIGEST
          + "\n";

  @TempDir Path work;

  private String render(String values) throws IOException {
    Path file = Files.writeString(work.resolve("values.yaml"), IMAGES + values);
    return new Helm(CHART).template().withName("pytoya").withValuesFile(file).call();
  }

  private static int count(String text, String block) {
    Matcher matcher = Pattern.compile(Pattern.quote(block)).matcher(text);
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }

  @Test
  void thePodsNameNoPullSecretByDefault() throws Exception {
    String rendered = render("");

    assertFalse(rendered.contains("imagePullSecrets"), rendered);
    assertEquals(2, count(rendered, "    spec:\n      containers:\n"), rendered);
  }

  @Test
  void anEmptyListNamesNone() throws Exception {
    String rendered = render("global:\n  imagePullSecrets: []\n");

    assertFalse(rendered.contains("imagePullSecrets"), rendered);
  }

  @Test
  void eachNameOfGlobalImagePullSecretsBecomesAnEntryOfBothPods() throws Exception {
    String rendered = render("global:\n  imagePullSecrets: [ghcr-pull, other-pull]\n");

    String pullSecrets =
        """
            spec:
              imagePullSecrets:
                - name: "ghcr-pull"
                - name: "other-pull"
              containers:
        """;
    assertEquals(2, count(rendered, pullSecrets), rendered);
    assertEquals(2, count(rendered, "imagePullSecrets"), rendered);
  }
}
