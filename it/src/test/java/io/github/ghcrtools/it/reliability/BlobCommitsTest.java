package io.github.ghcrtools.it.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ghcrtools.it.standin.RegistryRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlobCommitsTest {

  private static final String A = "sha256:" + "a".repeat(64);
  private static final String B = "sha256:" + "b".repeat(64);

  private static RegistryRequest request(String method, String path, int status) {
    return new RegistryRequest(method, path, status, 0, "test");
  }

  @Test
  void countsEachWayAnUploadCompletes() {
    List<RegistryRequest> log =
        List.of(
            request("POST", "/v2/acme/api/blobs/uploads/", 202),
            request("PATCH", "/v2/acme/api/blobs/uploads/u1?_state=x", 202),
            request(
                "PUT",
                "/v2/acme/api/blobs/uploads/u1?_state=x&digest=" + A.replace(":", "%3A"),
                201),
            request("POST", "/v2/acme/charts/app/blobs/uploads/?digest=" + B, 201),
            request("POST", "/v2/acme/web/blobs/uploads/?mount=" + A + "&from=acme/api", 201),
            request("PUT", "/v2/acme/api/blobs/uploads/u2?digest=" + B, 400),
            request("HEAD", "/v2/acme/api/blobs/" + A, 200));

    assertEquals(
        Map.of("acme/api@" + A, 1, "acme/charts/app@" + B, 1, "acme/web@" + A, 1),
        BlobCommits.count(log));
    assertEquals(Map.of(), BlobCommits.repeated(log));
  }

  @Test
  void aBlobCompletedTwiceInOneRepositoryIsReported() {
    List<RegistryRequest> log =
        List.of(
            request("PUT", "/v2/acme/api/blobs/uploads/u1?digest=" + A, 201),
            request("PUT", "/v2/acme/api/blobs/uploads/u2?digest=" + A, 201),
            request("PUT", "/v2/acme/web/blobs/uploads/u3?digest=" + A, 201));

    assertEquals(Map.of("acme/api@" + A, 2), BlobCommits.repeated(log));
  }
}
