package io.github.ghcrtools.it.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which requests the front's OCI index rule applies to, and how it reads media types. */
class IndexAcceptTest {

  private static final String OCI_MANIFEST = TinyBaseImage.OCI_MANIFEST;
  private static final String OCI_INDEX = TinyBaseImage.OCI_INDEX;
  private static final String WITHOUT_INDEX =
      OCI_MANIFEST + ", application/vnd.docker.distribution.manifest.v2+json";

  @Test
  void manifestReadsWithoutTheIndexTypeAreGuardedAsDistributionReadsAccept() {
    String path = "/v2/acme/a/b/manifests/1.2.3";
    assertTrue(IndexAccept.guards("GET", path, null));
    assertTrue(IndexAccept.guards("HEAD", path, List.of(WITHOUT_INDEX)));
    assertTrue(IndexAccept.guards("GET", path, List.of("*/*")));
    assertFalse(IndexAccept.guards("GET", path, List.of(OCI_MANIFEST, OCI_INDEX)));
    assertFalse(IndexAccept.guards("GET", path, List.of(OCI_MANIFEST + " ," + OCI_INDEX + ";q=1")));
    assertFalse(IndexAccept.guards("PUT", path, null), "writes are the registry's matter");
    assertFalse(IndexAccept.guards("GET", "/v2/acme/a/blobs/sha256:00", null), "blobs");
    assertFalse(IndexAccept.guards("GET", "/v2/acme/a/tags/list", null), "tag lists");
    assertEquals(OCI_INDEX, IndexAccept.widened(null));
    assertEquals(OCI_MANIFEST + ", " + OCI_INDEX, IndexAccept.widened(List.of(OCI_MANIFEST)));
    assertTrue(IndexAccept.isIndex(OCI_INDEX + "; charset=utf-8"));
    assertFalse(IndexAccept.isIndex(OCI_MANIFEST));
  }
}
