package io.github.ghcrtools.core.scan;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.failure.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutsideLinksTest {

  @TempDir Path tmp;
  private Path root;
  private Path outside;

  @BeforeEach
  void layout() throws IOException {
    root = Files.createDirectories(tmp.resolve("project/src/main/jib"));
    Files.createDirectories(root.resolve("etc/app"));
    Files.writeString(root.resolve("etc/app/config.yaml"), "a: 1\n");
    outside = Files.writeString(tmp.resolve("secret.json"), "{}");
  }

  @Test
  void aLinkToAFileOutsideIsRefusedNamingTheLinkAndItsTarget() throws IOException {
    Files.createSymbolicLink(root.resolve("etc/app/creds.json"), outside);

    UserError e = assertThrows(UserError.class, () -> refuse(root));

    assertTrue(
        e.getMessage()
            .startsWith(
                "extraDirectories entry src/main/jib: etc/app/creds.json is a symbolic link to "
                    + outside.toRealPath()
                    + ", outside that directory"),
        e.getMessage());
    assertEquals(Optional.of("extraDirectories"), e.parameter());
  }

  @Test
  void aRelativeLinkThatClimbsOutIsRefusedWithWhereItLands() throws IOException {
    Files.createSymbolicLink(root.resolve("up"), Path.of("../../../../secret.json"));

    UserError e = assertThrows(UserError.class, () -> refuse(root));

    assertTrue(
        e.getMessage()
            .contains(
                "up is a symbolic link to ../../../../secret.json (" + outside.toRealPath() + ")"),
        e.getMessage());
  }

  @Test
  void aLinkToADirectoryOutsideAndABrokenLinkOutsideAreRefused() throws IOException {
    Path link = Files.createSymbolicLink(root.resolve("home"), tmp);
    assertThrows(UserError.class, () -> refuse(root));
    Files.delete(link);
    Files.createSymbolicLink(root.resolve("gone"), tmp.resolve("missing/file"));
    assertThrows(UserError.class, () -> refuse(root));
  }

  @Test
  void linksThatStayInsideAreFine() throws IOException {
    Files.createSymbolicLink(root.resolve("config.yaml"), Path.of("etc/app/config.yaml"));
    Files.createSymbolicLink(root.resolve("etc/current"), Path.of("app"));

    assertDoesNotThrow(() -> refuse(root));
  }

  @Test
  void aRootThatIsItselfALinkIsJudgedByWhereItPoints() throws IOException {
    Path alias = Files.createSymbolicLink(tmp.resolve("alias"), root);
    Files.createSymbolicLink(root.resolve("self.yaml"), root.resolve("etc/app/config.yaml"));

    assertDoesNotThrow(() -> refuse(alias));
  }

  @Test
  void ignoredPathsAreNotChecked() throws IOException {
    Files.createSymbolicLink(root.resolve("etc/app/creds.json"), outside);

    assertDoesNotThrow(
        () ->
            OutsideLinks.refuse(
                root, "Chart directory", "chartDirectory", (path, dir) -> path.endsWith(".json")));
    assertDoesNotThrow(
        () -> OutsideLinks.refuse(tmp.resolve("nothing"), "x", "y", (path, dir) -> false));
  }

  private static void refuse(Path directory) throws IOException {
    OutsideLinks.refuse(
        directory, "extraDirectories entry src/main/jib", "extraDirectories", (p, d) -> false);
  }
}
