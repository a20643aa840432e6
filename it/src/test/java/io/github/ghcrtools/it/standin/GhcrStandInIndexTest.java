package io.github.ghcrtools.it.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stand-in serves an OCI image index as ghcr.io does: only to a manifest read whose {@code
 * Accept} names the index type; any other read, by tag or digest, GET or HEAD, is 404 {@code
 * MANIFEST_UNKNOWN} "OCI index found, but Accept header does not support OCI indexes". The platform
 * manifests, a missing manifest and skopeo's {@code copy --all} are untouched.
 */
class GhcrStandInIndexTest {

  @RegisterExtension static final GhcrStandInExtension GHCR = new GhcrStandInExtension();

  private static final String OCI_MANIFEST = TinyBaseImage.OCI_MANIFEST;
  private static final String OCI_INDEX = TinyBaseImage.OCI_INDEX;

  /** What a client that knows single images only asks for. */
  private static final String WITHOUT_INDEX =
      OCI_MANIFEST
          + ", application/vnd.docker.distribution.manifest.v2+json"
          + ", application/vnd.docker.distribution.manifest.list.v2+json";

  private static final String NOT_ACCEPTED =
      "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\","
          + "\"message\":\"OCI index found, but Accept header does not support OCI indexes\"}]}";

  @AfterEach
  void onlyGhcrWasContacted() {
    GHCR.standIn().assertOnlyGhcrWasContacted();
  }

  @Test
  void anIndexIsServedOnlyToAnAcceptThatNamesIt(@TempDir Path work) {
    GhcrStandIn standIn = GHCR.standIn();
    TinyBaseImage base =
        TinyBaseImage.index(work.resolve("layout"), "1", "linux/amd64", "linux/arm64");
    // skopeo copy --all reads back what it pushed: it names the index type, so it passes
    base.pushTo(standIn, "ghcr.io/acme/multi");
    RawGhcr ghcr = new RawGhcr(standIn);
    String token = RawGhcr.bearer(standIn.registryApi().token("repository:acme/multi:pull"));
    String manifests = "/v2/acme/multi/manifests/";
    int before = standIn.frontRequests().size();

    for (String reference : List.of("1", base.digest())) {
      for (String accept : new String[] {WITHOUT_INDEX, null}) {
        HttpResponse<String> get = ghcr.read("GET", manifests + reference, token, accept);
        assertEquals(404, get.statusCode(), "GET " + reference + " Accept " + accept);
        assertEquals(NOT_ACCEPTED, get.body(), "GET " + reference + " Accept " + accept);
        assertEquals(
            "application/json", get.headers().firstValue("Content-Type").orElseThrow(), reference);
        HttpResponse<String> head = ghcr.read("HEAD", manifests + reference, token, accept);
        assertEquals(404, head.statusCode(), "HEAD " + reference + " Accept " + accept);
        assertEquals("", head.body());
        assertFalse(
            head.headers().firstValue("Docker-Content-Digest").isPresent(),
            "a refused HEAD shows no digest: " + head.headers().map());
      }
    }
    List<FrontRequest> refused = FrontRequests.since(standIn, before);
    assertEquals(8, refused.size(), refused.toString());
    assertTrue(refused.stream().allMatch(r -> r.status() == 404), refused.toString());

    // the index type anywhere in Accept, with parameters or not, gets the index as stored
    HttpResponse<String> get =
        ghcr.read("GET", manifests + "1", token, OCI_MANIFEST + ", " + OCI_INDEX + "; q=0.9");
    assertEquals(200, get.statusCode(), get.body());
    assertEquals(TinyOciLayout.text(base.top()), get.body());
    assertEquals(OCI_INDEX, get.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(
        base.digest(), get.headers().firstValue("Docker-Content-Digest").orElseThrow(), "GET");
    HttpResponse<String> head = ghcr.read("HEAD", manifests + base.digest(), token, OCI_INDEX);
    assertEquals(200, head.statusCode());
    assertEquals(
        base.digest(), head.headers().firstValue("Docker-Content-Digest").orElseThrow(), "HEAD");
    assertEquals(
        Integer.toString(base.top().length),
        head.headers().firstValue("Content-Length").orElseThrow());

    // the platform images are plain manifests: an Accept without the index type gets them
    for (TinyBaseImage.PlatformImage image : base.images()) {
      for (String method : List.of("GET", "HEAD")) {
        HttpResponse<String> platform =
            ghcr.read(method, manifests + image.digest(), token, WITHOUT_INDEX);
        assertEquals(200, platform.statusCode(), method + " " + image.platform());
        assertEquals(
            image.digest(),
            platform.headers().firstValue("Docker-Content-Digest").orElseThrow(),
            method + " " + image.platform());
      }
    }
    HttpResponse<String> amd64 =
        ghcr.read("GET", manifests + base.image("linux/amd64").digest(), token, OCI_MANIFEST);
    assertEquals(TinyOciLayout.text(base.image("linux/amd64").manifest()), amd64.body());

    // a manifest that is not there is the registry's own 404, not the index refusal
    HttpResponse<String> missing = ghcr.read("GET", manifests + "2", token, WITHOUT_INDEX);
    assertEquals(404, missing.statusCode());
    assertTrue(missing.body().contains("MANIFEST_UNKNOWN"), missing.body());
    assertFalse(missing.body().contains("OCI index"), missing.body());
  }
}
