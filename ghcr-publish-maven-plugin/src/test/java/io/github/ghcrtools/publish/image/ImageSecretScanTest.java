package io.github.ghcrtools.publish.image;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.failure.UserError;
import io.github.ghcrtools.core.scan.KnownSecrets;
import io.github.ghcrtools.core.scan.ScanSettings;
import io.github.ghcrtools.core.scan.SecretsFoundException;
import io.github.ghcrtools.publish.testing.RecordingLog;
import io.github.ghcrtools.publish.testing.TestProjects;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSecretScanTest {

  /** Put together at run time, so the test source holds no token-shaped literal. */
  private static final String TOKEN = "gh" + "p_" + "aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xYZzZz";

  @TempDir Path dir;
  private final RecordingLog log = new RecordingLog();

  @Test
  void aCleanProjectPasses() throws IOException {
    Path basedir = TestProjects.create(dir.resolve("p"));

    assertDoesNotThrow(() -> check(TestProjects.request(basedir), "fail"));
    assertEquals(List.of(), log.warnings);
  }

  @Test
  void aResourceIsShownUnderAppRootResourcesWithTheImageAndTheFix() throws IOException {
    Path basedir = TestProjects.create(dir.resolve("p"));
    Files.writeString(
        basedir.resolve("target/classes/application.properties"), "greeting=hi\ntoken=" + TOKEN);

    SecretsFoundException e =
        assertThrows(
            SecretsFoundException.class, () -> check(TestProjects.request(basedir), "fail"));

    assertTrue(
        e.getMessage().startsWith("Secret scan: image ghcr.io/acme/api would ship a secret"),
        e.getMessage());
    assertTrue(
        e.getMessage()
            .contains("/app/resources/application.properties:2  github-token  ghp_...  sha256:"),
        e.getMessage());
    assertTrue(e.getMessage().contains("-Dghcr.secretScanAllowlist=sha256:"), e.getMessage());
    assertFalse(e.getMessage().contains(TOKEN));
  }

  @Test
  void classesDependencyJarsSnapshotJarsAndExtraDirectoriesAreScannedWhereTheImageHoldsThem()
      throws IOException {
    Path basedir = TestProjects.create(dir.resolve("p"));
    byte[] cls =
        ("\u00ca\u00fe\u00ba\u00be\0\0\0=\1\0(" + TOKEN + "\7")
            .getBytes(StandardCharsets.ISO_8859_1);
    Files.write(basedir.resolve("target/classes/com/example/Main.class"), cls);
    Path release = jar(basedir.resolve("libs/foo-1.0.jar"), "config/x.properties", "k=" + TOKEN);
    Path snapshot =
        jar(basedir.resolve("libs/bar-2.0-SNAPSHOT.jar"), "b.yaml", "a: 1\nk: " + TOKEN);
    Files.createDirectories(basedir.resolve("src/main/jib/etc/app"));
    Files.writeString(basedir.resolve("src/main/jib/etc/app/token.txt"), TOKEN + "\n");
    BuildRequest request = withFiles(basedir, List.of(release), List.of(snapshot));

    SecretsFoundException e =
        assertThrows(SecretsFoundException.class, () -> check(request, "fail"));

    String message = e.getMessage();
    assertTrue(message.contains("would ship 4 secrets"), message);
    assertTrue(message.contains("\n  /app/classes/com/example/Main.class  github-token"), message);
    assertTrue(
        message.contains("\n  /app/libs/foo-1.0.jar!/config/x.properties:1  github-token"),
        message);
    assertTrue(
        message.contains("\n  /app/libs/bar-2.0-SNAPSHOT.jar!/b.yaml:2  github-token"), message);
    assertTrue(message.contains("\n  /etc/app/token.txt:1  github-token"), message);
  }

  @Test
  void theTokenOfThisBuildInTheEnvironmentOfTheImageIsFound() throws IOException {
    Path basedir = TestProjects.create(dir.resolve("p"));
    String buildToken = "registry-token-of-this-build";
    ContainerSpec spec =
        new ContainerSpec(
            new BaseImage.Scratch(),
            "com.example.Main",
            List.of(),
            List.of(),
            Map.of("TOKEN", buildToken),
            List.of(),
            null,
            null,
            "/srv/",
            new TreeMap<>(),
            TestProjects.CREATED,
            List.of());
    Files.writeString(basedir.resolve("target/classes/app.properties"), "t=" + buildToken);
    KnownSecrets known = KnownSecrets.of(Map.of("GHCR_TOKEN", buildToken), Optional.empty());

    SecretsFoundException e =
        assertThrows(
            SecretsFoundException.class,
            () ->
                ImageSecretScan.check(
                    TestProjects.request(basedir, spec),
                    ScanSettings.parse("fail", List.of("/srv/**", "(image config)"), "ghcr"),
                    known,
                    log));

    assertTrue(
        e.getMessage()
            .contains(
                "\n  /srv/resources/app.properties:1  known-secret (env GHCR_TOKEN)  regi..."),
        e.getMessage());
    assertTrue(
        e.getMessage().contains("\n  (image config):1  known-secret (env GHCR_TOKEN)"),
        e.getMessage());
    assertFalse(e.getMessage().contains(buildToken));
  }

  @Test
  void warnModeLogsAndGoesOnAndAnAllowlistedGlobIsCounted() throws IOException {
    Path basedir = TestProjects.create(dir.resolve("p"));
    Files.writeString(basedir.resolve("target/classes/application.properties"), TOKEN);
    Files.writeString(basedir.resolve("target/classes/test-key.txt"), TOKEN + "x");

    ImageSecretScan.check(
        TestProjects.request(basedir),
        ScanSettings.parse("warn", List.of("/app/resources/test-*.txt"), "ghcr"),
        KnownSecrets.none(),
        log);

    assertEquals(1, log.warnings.size(), log.warnings.toString());
    assertTrue(log.warnings.get(0).contains("/app/resources/application.properties:1"));
    assertTrue(log.infos.get(0).startsWith("Secret scan of image ghcr.io/acme/api: 5 files"));
    assertTrue(log.infos.get(1).contains("1 finding(s) allowlisted"), log.infos.toString());
    assertFalse(log.all().contains(TOKEN));
  }

  @Test
  void aLinkOutOfAnExtraDirectoryIsRefusedEvenWithTheScanOff() throws IOException {
    Path basedir = TestProjects.create(dir.resolve("p"));
    Path secret = Files.writeString(dir.resolve("config.json"), "{}");
    Files.createDirectories(basedir.resolve("src/main/jib/root"));
    Files.createSymbolicLink(basedir.resolve("src/main/jib/root/.docker-config.json"), secret);

    UserError e = assertThrows(UserError.class, () -> check(TestProjects.request(basedir), "off"));

    assertEquals(
        "extraDirectories entry src/main/jib: root/.docker-config.json is a symbolic link to "
            + secret.toRealPath()
            + ", outside that directory; what goes into an artifact must stay inside the project."
            + " Copy the file into the directory instead of linking to it, or remove the link.",
        e.getMessage());
  }

  @Test
  void offScansNothing() throws IOException {
    Path basedir = TestProjects.create(dir.resolve("p"));
    Files.writeString(basedir.resolve("target/classes/application.properties"), TOKEN);

    assertDoesNotThrow(() -> check(TestProjects.request(basedir), "off"));
  }

  @Test
  void jarsThatShareAFileNameGetJibsNames() throws IOException {
    Path a = Files.createDirectories(dir.resolve("a")).resolve("x-1.jar");
    Path b = Files.createDirectories(dir.resolve("b")).resolve("x-1.jar");
    Files.writeString(a, "12");
    Files.writeString(b, "123");

    assertEquals(
        List.of("x-1-2.jar", "x-1-3.jar", "y.jar"),
        List.copyOf(
            LibraryNames.of(List.of(a, b, Files.writeString(dir.resolve("y.jar"), ""))).values()));
  }

  private void check(BuildRequest request, String mode) throws IOException {
    ImageSecretScan.check(
        request, ScanSettings.parse(mode, List.of(), "ghcr"), KnownSecrets.none(), log);
  }

  private static BuildRequest withFiles(Path basedir, List<Path> jars, List<Path> snapshots) {
    BuildRequest base = TestProjects.request(basedir);
    return new BuildRequest(
        base.target(),
        base.tags(),
        base.spec(),
        new ProjectFiles(
            basedir.resolve("target/classes"),
            jars,
            snapshots,
            Optional.empty(),
            List.of(basedir.resolve("src/main/jib"))),
        basedir,
        base.buildDirectory(),
        Optional.empty(),
        "test",
        Optional.empty());
  }

  private static Path jar(Path file, String entry, String content) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry(entry));
      zip.write(content.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return file;
  }
}
