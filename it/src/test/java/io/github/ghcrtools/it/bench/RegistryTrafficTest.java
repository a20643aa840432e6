package io.github.ghcrtools.it.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.ghcrtools.it.standin.RegistryRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistryTrafficTest {

  private static final String CONFIG = "sha256:" + "c".repeat(64);
  private static final String LAYER = "sha256:" + "1".repeat(64);
  private static final ImageManifest MANIFEST =
      new ImageManifest(Map.of(CONFIG, 900L, LAYER, 1500L), 600, 1);

  private static RegistryRequest request(
      String method, String path, int status, long responseBytes) {
    return new RegistryRequest(method, path, status, responseBytes, "agent");
  }

  @Test
  void aColdPushCountsEachCompletedBlobOnceAndEachManifestPutNotTheResponseSizes() {
    RegistryTraffic traffic =
        new RegistryTraffic(
            List.of(
                request("GET", "/v2/", 401, 87),
                request("HEAD", "/v2/acme/app/blobs/" + LAYER, 404, 157),
                request("POST", "/v2/acme/app/blobs/uploads/", 202, 0),
                request("PATCH", "/v2/acme/app/blobs/uploads/u1?_state=x", 202, 0),
                request(
                    "PUT",
                    "/v2/acme/app/blobs/uploads/u1?_state=x&digest=sha256%3A" + "1".repeat(64),
                    201,
                    0),
                request("POST", "/v2/acme/app/blobs/uploads/?digest=" + CONFIG, 201, 0),
                request("PUT", "/v2/acme/app/manifests/1.0.0", 201, 0),
                request("PUT", "/v2/acme/app/manifests/latest", 201, 0)));

    assertEquals(8, traffic.count());
    assertEquals(List.of(LAYER, CONFIG), traffic.uploadedBlobs());
    assertEquals(2, traffic.manifestPuts());
    assertEquals(1500 + 900 + 2 * 600, traffic.uploadedBytes(MANIFEST));
  }

  @Test
  void aMountAFailedUploadAndReadsUploadNothing() {
    RegistryTraffic traffic =
        new RegistryTraffic(
            List.of(
                request(
                    "POST",
                    "/v2/acme/app/blobs/uploads/?mount=" + LAYER + "&from=acme/base",
                    201,
                    0),
                request("PUT", "/v2/acme/app/blobs/uploads/u2?digest=" + CONFIG, 400, 120),
                request("PUT", "/v2/acme/app/manifests/1.0.0", 400, 130),
                request("HEAD", "/v2/acme/app/manifests/1.0.0", 200, 0),
                request("GET", "/v2/acme/app/blobs/" + LAYER, 200, 1500)));

    assertEquals(List.of(), traffic.uploadedBlobs());
    assertEquals(0, traffic.uploadedBytes(MANIFEST));
  }

  @Test
  void anUploadOfABlobTheManifestDoesNotNameIsAMeasuringError() {
    RegistryTraffic traffic =
        new RegistryTraffic(
            List.of(
                request(
                    "PUT",
                    "/v2/acme/app/blobs/uploads/u1?digest=sha256:" + "9".repeat(64),
                    201,
                    0)));

    assertThrows(IllegalStateException.class, () -> traffic.uploadedBytes(MANIFEST));
  }

  @ParameterizedTest
  @CsvSource({
    "GET, /v2/, 401, GET /v2/ 401",
    "GET, /v2/, 200, GET /v2/",
    "HEAD, /v2/acme/app/manifests/1.0.0, 200, HEAD manifest",
    "HEAD, /v2/acme/app/manifests/1.0.0, 404, HEAD manifest 404",
    "HEAD, /v2/acme/app/blobs/sha256:ab, 200, HEAD blob",
    "PATCH, /v2/acme/app/blobs/uploads/u1?_state=s, 202, PATCH upload",
    "GET, /v2/acme/app/tags/list, 200, GET tags",
    "GET, /v2/_catalog, 200, GET /v2/_catalog",
  })
  void kindNamesMethodEndpointAndAFailingStatus(
      String method, String path, int status, String kind) {
    assertEquals(kind, RegistryTraffic.kind(request(method, path, status, 0)));
  }

  @Test
  void byKindListsTheMostFrequentFirst() {
    RegistryTraffic traffic =
        new RegistryTraffic(
            List.of(
                request("GET", "/v2/", 401, 87),
                request("HEAD", "/v2/acme/app/manifests/a", 200, 0),
                request("HEAD", "/v2/acme/app/manifests/b", 200, 0)));

    assertEquals("2 HEAD manifest, 1 GET /v2/ 401", traffic.byKind());
  }

  @Test
  void manifestParsingTakesConfigLayersAndTheStoredLength() {
    String raw =
        "{\"schemaVersion\":2,\"config\":{\"digest\":\""
            + CONFIG
            + "\",\"size\":900},"
            + "\"layers\":[{\"digest\":\""
            + LAYER
            + "\",\"size\":1500}]}";

    ImageManifest manifest = ImageManifest.parse(raw);

    assertEquals(Map.of(CONFIG, 900L, LAYER, 1500L), manifest.blobSizes());
    assertEquals(raw.length(), manifest.manifestBytes());
    assertEquals(1, manifest.layers());
    assertEquals(2400, manifest.imageBytes());
  }
}
