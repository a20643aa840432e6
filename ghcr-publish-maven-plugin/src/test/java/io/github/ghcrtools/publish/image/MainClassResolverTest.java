package io.github.ghcrtools.publish.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.failure.UserError;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainClassResolverTest {

  @TempDir Path dir;

  private Path jar(String mainClass) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (mainClass != null) {
      manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
    }
    Path jar = dir.resolve("app.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out, manifest)) {
      j.flush();
    }
    return jar;
  }

  @Test
  void theParameterWins() throws IOException {
    assertEquals(
        "com.example.Cli",
        MainClassResolver.resolve("com.example.Cli", Optional.of(jar("com.example.App"))));
  }

  @Test
  void elseTheJarManifest() throws IOException {
    assertEquals(
        "com.example.App", MainClassResolver.resolve(null, Optional.of(jar("com.example.App"))));
  }

  @Test
  void neitherIsAnErrorNamingTheParameter() throws IOException {
    Path jar = jar(null);
    for (Optional<Path> candidate :
        java.util.List.of(
            Optional.<Path>empty(), Optional.of(jar), Optional.of(dir.resolve("missing.jar")))) {
      UserError e = assertThrows(UserError.class, () -> MainClassResolver.resolve(" ", candidate));
      assertTrue(e.getMessage().contains("<mainClass>"), e.getMessage());
    }
  }

  @Test
  void aMalformedNameIsRefused() {
    UserError e =
        assertThrows(
            UserError.class,
            () -> MainClassResolver.resolve("com.example.Main; rm -rf /", Optional.empty()));
    assertTrue(e.getMessage().contains("mainClass"), e.getMessage());
  }
}
