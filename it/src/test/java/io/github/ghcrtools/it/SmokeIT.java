package io.github.ghcrtools.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import io.github.ghcrtools.it.standin.GhcrStandInExtension;
import io.github.ghcrtools.it.standin.RegistryRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stand-in works end to end with Jib, the library the image build uses: it pushes to "ghcr.io"
 * with nothing but JVM proxy and trust-store properties (no insecure flag), and skopeo, another
 * client entirely, reads back exactly what it reported.
 */
class SmokeIT {

  private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  private static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  private static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
  private static final String HELM_CONFIG = "application/vnd.cncf.helm.config.v1+json";
  private static final String HELM_CHART = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";

  @RegisterExtension static final GhcrStandInExtension GHCR = new GhcrStandInExtension();

  private final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void onlyGhcrWasContacted() {
    System.out.println(
        "[smoke] proxy record: "
            + GHCR.standIn().assertOnlyGhcrWasContacted()
            + "; targets "
            + GHCR.standIn().proxyTargets().stream().distinct().toList());
  }

  @Test
  void jibPushesAnImageThatSkopeoReadsBack(@TempDir Path work) throws Exception {
    GhcrStandIn ghcr = GHCR.standIn();
    Path file = Files.writeString(work.resolve("hello.txt"), "hello from the smoke test\n");
    String repository = "ghcr.io/smoke-owner/smoke";

    JibContainer pushed =
        Jib.fromScratch()
            .setFormat(ImageFormat.OCI)
            .addLayer(List.of(file), AbsoluteUnixPath.get("/smoke"))
            .containerize(
                Containerizer.to(
                        RegistryImage.named(repository + ":1.0.0")
                            .addCredential(ghcr.username(), ghcr.password()))
                    .setBaseImageLayersCache(work.resolve("base-cache"))
                    .setApplicationLayersCache(work.resolve("app-cache"))
                    .setToolName("ghcr-stand-in-smoke"));

    String raw = ghcr.skopeoTool().inspectRaw(repository + ":1.0.0");
    System.out.println("[smoke] skopeo inspect --raw " + repository + ":1.0.0 -> " + raw);
    JsonNode manifest = json.readTree(raw);
    assertEquals(pushed.getDigest().toString(), sha256(raw), "manifest digest");
    assertEquals(OCI_MANIFEST, manifest.path("mediaType").asText(), raw);
    assertEquals(OCI_CONFIG, manifest.path("config").path("mediaType").asText(), raw);
    assertEquals(
        pushed.getImageId().toString(), manifest.path("config").path("digest").asText(), raw);
    assertEquals(1, manifest.path("layers").size(), raw);
    assertEquals(OCI_LAYER, manifest.path("layers").get(0).path("mediaType").asText(), raw);

    assertTrue(ghcr.catalog().contains("smoke-owner/smoke"), "catalog: " + ghcr.catalog());
    List<RegistryRequest> requests = ghcr.registryRequests();
    assertTrue(
        requests.stream()
            .anyMatch(
                r ->
                    r.method().equals("PUT")
                        && r.pathWithoutQuery().equals("/v2/smoke-owner/smoke/manifests/1.0.0")
                        && r.status() == 201),
        "the registry's access log has no PUT of the manifest: " + requests);
  }

  @Test
  void theRegistryDemandsCredentialsLikeGhcr() {
    GhcrStandIn ghcr = GHCR.standIn();
    var refused =
        ghcr.skopeo(
            "inspect",
            "--raw",
            "--creds",
            "nobody:wrong",
            "docker://ghcr.io/smoke-owner/no-such-image:1");
    assertNotEquals(0, refused.exitCode(), refused.describe());
    // like ghcr.io: the credentials are checked (and refused) at /token, never sent to /v2/
    assertTrue(
        ghcr.frontRequests().stream()
            .anyMatch(
                r -> r.status() == 401 && r.path().equals("/token") && r.auth().equals("basic")),
        "the front's log has no 401 at /token for the wrong credentials: " + ghcr.frontRequests());
    assertEquals(0, ghcr.basicV2RequestCount(), "skopeo sent Basic credentials to /v2/");
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  private static String sha256(String text) throws NoSuchAlgorithmException {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
