package io.github.ghcrtools.deploy.signal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptTrustTest {

  private static final String ME = System.getProperty("user.name");

  @TempDir Path dir;
  private Path folder;
  private Path script;

  @BeforeEach
  void script() throws Exception {
    folder = Files.createDirectory(dir.resolve("runner"));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    script = Files.writeString(folder.resolve("deploy.sh"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void aScriptOnlyItsOwnerCanChangeIsRun() {
    assertDoesNotThrow(() -> ScriptTrust.check(script, ME));
  }

  @Test
  void aScriptWritableByOthersIsRefusedWithTheChmod() throws Exception {
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxrwxrwx"));

    SignalException e = assertThrows(SignalException.class, () -> ScriptTrust.check(script, ME));

    assertEquals(
        "Deploy script "
            + script
            + " is writable by others (mode 0777), so anyone could change what the deploy"
            + " runs: chmod go-w "
            + script,
        e.getMessage());
  }

  @Test
  void aScriptWritableByItsGroupIsRefused() throws Exception {
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxrwxr-x"));

    SignalException e = assertThrows(SignalException.class, () -> ScriptTrust.check(script, ME));

    assertEquals(
        "Deploy script "
            + script
            + " is writable by its group (mode 0775), so anyone could change what the deploy"
            + " runs: chmod go-w "
            + script,
        e.getMessage());
  }

  @Test
  void aFolderOthersMayWriteToIsRefusedUnlessSticky() throws Exception {
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));

    SignalException e = assertThrows(SignalException.class, () -> ScriptTrust.check(script, ME));

    assertEquals(
        "Deploy script "
            + script
            + " lies in "
            + folder
            + ", which others may write to (mode 0777), so anyone could replace the script:"
            + " chmod o-w "
            + folder
            + ", or move the script to a folder of the runner's user",
        e.getMessage());
  }

  @Test
  void aStickyFolderLikeTmpIsAccepted() throws Exception {
    Files.setAttribute(folder, "unix:mode", 01777);

    assertDoesNotThrow(() -> ScriptTrust.check(script, ME));
  }

  @Test
  void aScriptOwnedByNeitherTheRunnerNorRootIsRefused() throws Exception {
    if (ME.equals("root")) {
      // root may give the file away; as anyone else the file is already not root's
      UserPrincipal nobody =
          script.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
      Files.setOwner(script, nobody);
    }
    String owner = Files.getOwner(script).getName();

    SignalException e =
        assertThrows(SignalException.class, () -> ScriptTrust.check(script, "github-runner"));

    assertEquals(
        "Deploy script "
            + script
            + " is owned by "
            + owner
            + ", neither the runner's user (github-runner) nor root: chown github-runner "
            + script,
        e.getMessage());
  }
}
