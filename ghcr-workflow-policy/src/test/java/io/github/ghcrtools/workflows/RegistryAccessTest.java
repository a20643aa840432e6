package io.github.ghcrtools.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistryAccessTest {

  @ParameterizedTest
  @CsvSource({
    "ghcr.io/acme/api:1.0,                 ghcr.io",
    "GHCR.IO/acme/api,                     GHCR.IO",
    "acme/api:1.0,                         docker.io",
    "api,                                  docker.io",
    "localhost/api,                        localhost",
    "registry.local:5000/api,              registry.local:5000",
    "oci://registry.example.com/charts,    registry.example.com",
    "docker://quay.io/acme/app:1,          quay.io",
    "$REGISTRY/acme/api,                   $REGISTRY",
    "${{steps.meta.outputs.tags}},         ${{steps.meta.outputs.tags}}",
  })
  void readsTheRegistryOfAReferenceLikeDocker(String reference, String host) {
    assertEquals(host, RegistryAccess.hostOfReference(reference));
  }

  @ParameterizedTest
  @CsvSource({
    "ghcr.io,          true",
    "GHCR.io,          true",
    "https://ghcr.io/, true",
    "http://ghcr.io,   false",
    "ghcr.io:443,      false",
    "ghcr.io.evil.com, false",
    "docker.io,        false",
  })
  void acceptsOnlyGhcrIo(String server, boolean ghcr) {
    assertEquals(ghcr, RegistryAccess.login(server).ghcr());
  }
}
