package io.github.ghcrtools.it.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the registry behind the stand-in answers to a cross-repository mount it cannot make, which
 * the suite's upload relies on: 202 with an upload session (the OCI spec's "the client MAY proceed
 * with the upload"), into which the blob then goes with one PUT.
 */
class GhcrStandInMountTest {

  @RegisterExtension static final GhcrStandInExtension GHCR = new GhcrStandInExtension();

  @Test
  void aMountOfABlobTheSourceLacksOpensAnUploadSessionThatTakesTheBlob() throws Exception {
    GhcrStandIn standIn = GHCR.standIn();
    RawGhcr ghcr = new RawGhcr(standIn);
    byte[] blob = "a blob no repository has yet".getBytes(StandardCharsets.UTF_8);
    String digest =
        "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(blob));
    String token =
        RawGhcr.bearer(
            standIn
                .registryApi()
                .token(
                    "repository:acme/mount-target:pull,push", "repository:acme/mount-source:pull"));

    HttpResponse<String> declined =
        ghcr.send(
            "POST",
            "/v2/acme/mount-target/blobs/uploads/?mount="
                + URLEncoder.encode(digest, StandardCharsets.UTF_8)
                + "&from=acme/mount-source",
            token,
            HttpRequest.BodyPublishers.noBody());

    assertEquals(202, declined.statusCode(), declined.body());
    String location = declined.headers().firstValue("Location").orElseThrow();
    String put =
        (location.startsWith("https://") ? location : "https://ghcr.io" + location)
            + (location.contains("?") ? "&" : "?")
            + "digest="
            + URLEncoder.encode(digest, StandardCharsets.UTF_8);
    // sent with the repository's own token, as the suite does (the mount's also carried pull on
    // the source)
    String own =
        RawGhcr.bearer(standIn.registryApi().token("repository:acme/mount-target:pull,push"));
    HttpResponse<String> sent =
        ghcr.send("PUT", put, own, HttpRequest.BodyPublishers.ofByteArray(blob));
    assertEquals(201, sent.statusCode(), sent.body());
    HttpResponse<String> there =
        ghcr.read("HEAD", "/v2/acme/mount-target/blobs/" + digest, own, null);
    assertEquals(200, there.statusCode());
    assertTrue(
        standIn.registryRequests().stream()
            .noneMatch(
                r ->
                    r.method().equals("POST")
                        && r.path().startsWith("/v2/acme/mount-target")
                        && !r.path().contains("mount=")),
        "no second POST was needed");
  }
}
