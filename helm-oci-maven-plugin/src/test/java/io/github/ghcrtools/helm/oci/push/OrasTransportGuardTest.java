package io.github.ghcrtools.helm.oci.push;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.policy.PolicyViolationException;
import java.nio.file.Path;
import java.util.List;
import land.oras.ContainerRef;
import land.oras.Registry;
import land.oras.auth.RegistriesConf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ORAS client's own view of registries.conf must leave ghcr.io alone. */
class OrasTransportGuardTest {

    private static final ContainerRef REF = ContainerRef.parse("ghcr.io/acme/charts/app");

    @TempDir
    Path dir;

    private Registry registry = Registry.builder().defaults("ghcr.io", "user", "token").build();

    @AfterEach
    void stopThreads() {
        registry.getExecutorService().shutdownNow();
    }

    private RegistriesConf conf(String toml) {
        Path file = dir.resolve("registries.conf");
        PushFixture.write(file, toml);
        return RegistriesConf.newConf(List.of(file));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "host rewrite     | `[[registry]]\nprefix = \"ghcr.io\"\nlocation = \"evil.example.com\"`         | rewrites ghcr.io to 'evil.example.com/acme/charts/app'",
        "path rewrite     | `[[registry]]\nprefix = \"ghcr.io/acme\"\nlocation = \"ghcr.io/mallory\"`      | rewrites ghcr.io to 'ghcr.io/mallory/charts/app'",
        "insecure         | `[[registry]]\nlocation = \"ghcr.io\"\ninsecure = true`                          | marks ghcr.io insecure",
        "mirror           | `[[registry]]\nlocation = \"ghcr.io\"\n[[registry.mirror]]\nlocation = \"m.example.com\"` | adds 1 mirror(s) for ghcr.io",
        "blocked          | `[[registry]]\nlocation = \"ghcr.io\"\nblocked = true`                           | blocks ghcr.io",
    })
    void aConfigurationThatRedirectsOrWeakensGhcrIsRefused(String name, String toml, String problem) {
        PolicyViolationException e = assertThrows(PolicyViolationException.class,
                () -> OrasTransportGuard.check(registry, conf(toml), REF));

        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertTrue(e.getMessage().contains("only pushed to ghcr.io itself over verified https"), e.getMessage());
    }

    @Test
    void entriesForOtherRegistriesAndAnIdentityEntryAreFine() {
        assertDoesNotThrow(() -> OrasTransportGuard.check(registry, conf("""
                unqualified-search-registries = ["docker.io"]
                [[registry]]
                location = "ghcr.io"
                [[registry]]
                prefix = "docker.io"
                location = "mirror.gcr.io"
                insecure = true
                """), REF));
    }

    @Test
    void aClientForAnotherHostIsRefused() {
        registry.getExecutorService().shutdownNow();
        registry = Registry.builder().defaults("registry.example.com", "user", "token").build();

        PolicyViolationException e = assertThrows(PolicyViolationException.class,
                () -> OrasTransportGuard.check(registry, conf(""), REF));

        assertTrue(e.getMessage().contains("set up for 'registry.example.com'"), e.getMessage());
    }

    @Test
    void anInsecureClientIsRefused() {
        registry.getExecutorService().shutdownNow();
        registry = Registry.builder().insecure("ghcr.io", "user", "token").build();

        PolicyViolationException e = assertThrows(PolicyViolationException.class,
                () -> OrasTransportGuard.check(registry, conf(""), REF));

        assertTrue(e.getMessage().contains("set up for plain http"), e.getMessage());
    }
}
