package io.github.ghcrtools.deploy.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptRunnerTest {

  @TempDir Path dir;
  private final List<String> output = new ArrayList<>();

  @Test
  void aLinkedScriptRunsByTheRealPathThatWasChecked() throws Exception {
    Path real = script(folder("runner", "rwxr-xr-x"), "printf '%s\\n' \"$0\" \"$@\"");
    Path link = Files.createSymbolicLink(folder("bin", "rwxr-xr-x").resolve("deploy.sh"), real);

    runner().run(new SignalCommand(List.of(link.toString(), "--chart-version", "1.0.0")));

    assertEquals(List.of(real.toRealPath().toString(), "--chart-version", "1.0.0"), output);
  }

  @Test
  void aLinkToAScriptInAFolderOthersMayWriteToIsRefused() throws Exception {
    Path open = folder("open", "rwxrwxrwx");
    Path real = script(open, "echo ran");
    Path link = Files.createSymbolicLink(folder("bin", "rwxr-xr-x").resolve("deploy.sh"), real);

    SignalException e =
        assertThrows(
            SignalException.class, () -> runner().run(new SignalCommand(List.of(link.toString()))));

    assertTrue(
        e.getMessage().contains(" lies in " + open.toRealPath() + ", which others may write to"),
        e.getMessage());
    assertEquals(List.of(), output, "the script ran");
  }

  private ScriptRunner runner() {
    return new ScriptRunner(Duration.ofSeconds(30), output::add);
  }

  private Path folder(String name, String mode) throws Exception {
    Path folder = Files.createDirectory(dir.resolve(name));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString(mode));
    return folder;
  }

  private static Path script(Path folder, String body) throws Exception {
    Path script = Files.writeString(folder.resolve("deploy.sh"), "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }
}
