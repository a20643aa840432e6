package io.github.ghcrtools.core.policy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegistriesConfGuardTest {

  @TempDir Path dir;

  private static final String REDIRECT =
      "; remove the location (or the entry), traffic for ghcr.io must not be redirected.";
  private static final String INSECURE =
      " marks ghcr.io insecure; remove 'insecure = true', ghcr.io is only reached over verified https.";
  private static final String MIRROR =
      "; remove the [[registry.mirror]] tables, ghcr.io must not be mirrored.";

  static Stream<Arguments> hostileFiles() {
    return Stream.of(
        Arguments.of(
            """
                        [[registry]]
                        prefix = "ghcr.io"
                        location = "evil.example.com"
                        """,
            "[[registry]] #1 (prefix 'ghcr.io') rewrites ghcr.io to 'evil.example.com'" + REDIRECT),
        Arguments.of(
            """
                        [[registry]]
                        prefix = "ghcr.io"
                        location = "ghcr.\u0131o"
                        """,
            "[[registry]] #1 (prefix 'ghcr.io') rewrites ghcr.io to 'ghcr.\u0131o'" + REDIRECT),
        Arguments.of(
            """
                        [[registry]]
                        prefix = "ghcr.io/acme"
                        location = "ghcr.io/attacker"
                        """,
            "[[registry]] #1 (prefix 'ghcr.io/acme') rewrites ghcr.io to 'ghcr.io/attacker'"
                + REDIRECT),
        Arguments.of(
            """
                        [[registry]]
                        prefix = "ghcr.io"
                        location = "127.0.0.1:5000"
                        insecure = false
                        """,
            "[[registry]] #1 (prefix 'ghcr.io') rewrites ghcr.io to '127.0.0.1:5000'" + REDIRECT),
        Arguments.of(
            """
                        [[registry]]
                        location = "ghcr.io"
                        insecure = true
                        """,
            "[[registry]] #1 (location 'ghcr.io')" + INSECURE),
        Arguments.of(
            """
                        [[registry]]
                        prefix = "GHCR.IO"
                        insecure = true
                        """,
            "[[registry]] #1 (prefix 'GHCR.IO')" + INSECURE),
        Arguments.of(
            """
                        [[registry]]
                        location = "ghcr.io"

                        [[registry.mirror]]
                        location = "mirror.example.com:5000"
                        """,
            "[[registry]] #1 (location 'ghcr.io') adds the mirror 'mirror.example.com:5000' for ghcr.io"
                + MIRROR),
        Arguments.of(
            """
                        [[registry]]
                        prefix = "*.io"
                        location = "evil.example.com"
                        """,
            "[[registry]] #1 (prefix '*.io') rewrites ghcr.io to 'evil.example.com'" + REDIRECT),
        Arguments.of(
            """
                        [[registry]]
                        prefix = "*.io"
                        insecure = true
                        """,
            "[[registry]] #1 (prefix '*.io')" + INSECURE),
        Arguments.of(
            """
                        [[registry]]
                        prefix = "docker.io"
                        location = "mirror.gcr.io"

                        [[registry]]
                        prefix = "ghcr.io/acme/api"
                        insecure = true
                        """,
            "[[registry]] #2 (prefix 'ghcr.io/acme/api')" + INSECURE),
        Arguments.of(
            """
                        [registries.insecure]
                        registries = ["localhost:5000", "ghcr.io"]
                        """,
            "[registries.insecure] lists 'ghcr.io'; remove it, ghcr.io is only reached over verified https."),
        Arguments.of(
            """
                        [registries.insecure]
                        registries = ["*.io"]
                        """,
            "[registries.insecure] lists '*.io'; remove it, ghcr.io is only reached over verified https."));
  }

  @ParameterizedTest
  @MethodSource("hostileFiles")
  void refusesHostileFileFromEnvironment(String toml, String finding) throws IOException {
    Path file = write(dir.resolve("hostile.conf"), toml);
    var e =
        assertThrows(
            PolicyViolationException.class,
            () ->
                RegistriesConfGuard.check(
                    Map.of("CONTAINERS_REGISTRIES_CONF", file.toString()),
                    dir.resolve("home"),
                    dir.resolve("etc")));
    assertEquals(file + ": " + finding, e.getMessage());
  }

  @Test
  void reportsEveryFindingOfAnEntry() throws IOException {
    Path file =
        write(
            dir.resolve("two.conf"),
            """
                [[registry]]
                prefix = "ghcr.io"
                insecure = true
                [[registry.mirror]]
                location = "m1.example"
                [[registry.mirror]]
                location = "m2.example"
                """);
    var e =
        assertThrows(
            PolicyViolationException.class,
            () ->
                RegistriesConfGuard.check(
                    Map.of("CONTAINERS_REGISTRIES_CONF", file.toString()), null, null));
    String entry = file + ": [[registry]] #1 (prefix 'ghcr.io')";
    assertEquals(
        entry
            + INSECURE
            + "\n"
            + entry
            + " adds the mirror 'm1.example' for ghcr.io"
            + MIRROR
            + "\n"
            + entry
            + " adds the mirror 'm2.example' for ghcr.io"
            + MIRROR,
        e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "etc/registries.conf",
        "etc/registries.conf.d/50-evil.conf",
        "home/.config/containers/registries.conf",
        "home/.config/containers/registries.conf.d/99-evil.conf",
      })
  void findsHostileFilesInTheDefaultLocations(String relative) throws IOException {
    Path file =
        write(dir.resolve(relative), "[[registry]]\nlocation = \"ghcr.io\"\ninsecure = true\n");
    var e =
        assertThrows(
            PolicyViolationException.class,
            () -> RegistriesConfGuard.check(Map.of(), dir.resolve("home"), dir.resolve("etc")));
    assertEquals(file + ": [[registry]] #1 (location 'ghcr.io')" + INSECURE, e.getMessage());
  }

  @Test
  void ignoresDropInsWithoutConfExtension() throws IOException {
    write(
        dir.resolve("etc/registries.conf.d/evil.conf.disabled"),
        "[[registry]]\nlocation = \"ghcr.io\"\ninsecure = true\n");
    assertDoesNotThrow(() -> RegistriesConfGuard.check(Map.of(), null, dir.resolve("etc")));
  }

  @Test
  void environmentFileReplacesTheDefaultFilesLikeOras() throws IOException {
    write(
        dir.resolve("etc/registries.conf"),
        "[[registry]]\nlocation = \"ghcr.io\"\ninsecure = true\n");
    Path benign =
        write(dir.resolve("benign.conf"), "unqualified-search-registries = [\"ghcr.io\"]\n");
    assertDoesNotThrow(
        () ->
            RegistriesConfGuard.check(
                Map.of("CONTAINERS_REGISTRIES_CONF", benign.toString()), null, dir.resolve("etc")));
  }

  @Test
  void acceptsHarmlessSettings() throws IOException {
    Path file =
        write(
            dir.resolve("benign.conf"),
            """
                unqualified-search-registries = ["docker.io", "ghcr.io"]
                short-name-mode = "enforcing"

                [aliases]
                "api" = "ghcr.io/acme/api"

                [[registry]]
                prefix = "docker.io"
                location = "mirror.gcr.io"
                insecure = true

                [[registry]]
                prefix = "ghcr.io"
                location = "ghcr.io"
                insecure = false

                [[registry]]
                location = "ghcr.io/acme/blocked"
                blocked = true

                [[registry]]
                prefix = "*.example.com"
                insecure = true

                [registries.search]
                registries = ["ghcr.io"]

                [registries.insecure]
                registries = ["localhost:5000"]
                """);
    assertDoesNotThrow(
        () ->
            RegistriesConfGuard.check(
                Map.of("CONTAINERS_REGISTRIES_CONF", file.toString()), null, null));
  }

  @Test
  void missingFilesAreFine() {
    assertDoesNotThrow(
        () ->
            RegistriesConfGuard.check(
                Map.of("CONTAINERS_REGISTRIES_CONF", dir.resolve("absent.conf").toString()),
                null,
                null));
    assertDoesNotThrow(
        () -> RegistriesConfGuard.check(Map.of(), dir.resolve("home"), dir.resolve("etc")));
  }

  @Test
  void refusesUnreadableToml() throws IOException {
    Path file = write(dir.resolve("broken.conf"), "[[registry]\nprefix = \"ghcr.io\n");
    var e =
        assertThrows(
            PolicyViolationException.class,
            () ->
                RegistriesConfGuard.check(
                    Map.of("CONTAINERS_REGISTRIES_CONF", file.toString()), null, null));
    assertTrue(e.getMessage().startsWith(file + ": not valid TOML ("), e.getMessage());
    assertTrue(
        e.getMessage().endsWith("); fix or remove it, the ORAS client reads it before every push."),
        e.getMessage());
  }

  @Test
  void aFileThatCannotNameGhcrIsNotParsed() throws IOException {
    Path file =
        write(
            dir.resolve("other.conf"),
            "# *.example.com and ghcr.io in comments only\n"
                + "[[registry]\nprefix = \"quay.io\"\nlocation = \"mirror.example\"\n");
    assertDoesNotThrow(
        () ->
            RegistriesConfGuard.check(
                Map.of("CONTAINERS_REGISTRIES_CONF", file.toString()), null, null));
  }

  @Test
  void anEscapedOrWildcardHostIsStillParsedAndRefused() throws IOException {
    Path escaped =
        write(
            dir.resolve("escaped.conf"),
            "[[registry]]\nprefix = \"\\u0067hcr.io\"\ninsecure = true\n");
    Path wildcard =
        write(dir.resolve("wildcard.conf"), "[[registry]]\nprefix = \"*.io\"\ninsecure = true\n");
    for (Path file : List.of(escaped, wildcard)) {
      var e =
          assertThrows(
              PolicyViolationException.class,
              () ->
                  RegistriesConfGuard.check(
                      Map.of("CONTAINERS_REGISTRIES_CONF", file.toString()), null, null));
      assertTrue(e.getMessage().contains("marks ghcr.io insecure"), e.getMessage());
    }
  }

  private static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }
}
