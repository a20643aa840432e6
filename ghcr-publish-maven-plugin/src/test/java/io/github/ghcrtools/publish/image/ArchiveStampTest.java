package io.github.ghcrtools.publish.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveStampTest {

  private static final String DIGEST = "sha256:" + "a".repeat(64);

  @TempDir Path dir;

  @Test
  void aWrittenStampReadsBackAndDescribesItsArchiveUntilItChanges() throws Exception {
    Path archive = Files.writeString(dir.resolve("api.tar"), "image bytes");
    Path file = dir.resolve("api.inputs");
    ArchiveStamp.of("f1", DIGEST, archive).write(file);

    ArchiveStamp read = ArchiveStamp.read(file).orElseThrow();
    assertEquals(DIGEST, read.digest());
    assertTrue(read.matches("f1", archive));
    assertFalse(read.matches("f2", archive), "other inputs");
    Files.writeString(archive, "other image bytes");
    assertFalse(read.describes(archive), "archive replaced");
    assertFalse(Files.exists(dir.resolve("api.inputs.tmp")), "written through a temporary file");
  }

  @Test
  void aMissingDamagedOrIncompleteStampIsNoStamp() throws Exception {
    assertEquals(Optional.empty(), ArchiveStamp.read(dir.resolve("absent.inputs")));
    assertEquals(
        Optional.empty(),
        ArchiveStamp.read(
            Files.writeString(
                dir.resolve("escape.inputs"),
                "fingerprint=\\uZZZZ\ndigest=" + DIGEST + "\narchiveSize=1\narchiveModified=1\n")));
    assertEquals(
        Optional.empty(),
        ArchiveStamp.read(
            Files.write(dir.resolve("bytes.inputs"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x00})));
    assertEquals(
        Optional.empty(),
        ArchiveStamp.read(
            Files.writeString(
                dir.resolve("cut.inputs"),
                "fingerprint=f1\ndigest=sha256:aaaa\narchiveSize=1\narchiveModified=1\n",
                StandardCharsets.UTF_8)));
    assertEquals(
        Optional.empty(),
        ArchiveStamp.read(
            Files.writeString(
                dir.resolve("size.inputs"),
                "fingerprint=f1\ndigest=" + DIGEST + "\narchiveSize=big\narchiveModified=1\n")));
    assertEquals(
        Optional.empty(), ArchiveStamp.read(Files.createDirectory(dir.resolve("dir.inputs"))));
  }
}
