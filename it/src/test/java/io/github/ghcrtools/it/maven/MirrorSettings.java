package io.github.ghcrtools.it.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The settings.xml of the sample builds: every repository is mirrored by the developer's local
 * repository read as a {@code file:} URL. The sample builds therefore never touch the network for
 * Maven artifacts, and the only HTTPS they do is the plugins' own traffic to "ghcr.io", which the
 * stand-in's proxy records.
 */
final class MirrorSettings {

  private MirrorSettings() {}

  static synchronized Path file() {
    Path settings = ItEnvironment.workDir().resolve("it-settings.xml");
    if (Files.exists(settings)) {
      return settings;
    }
    String xml =
        """
        <settings>
          <mirrors>
            <mirror>
              <id>it-local-mirror</id>
              <mirrorOf>*</mirrorOf>
              <url>%1$s</url>
            </mirror>
          </mirrors>
          <profiles>
            <profile>
              <!-- a local repository publishes no checksum files: do not look for them -->
              <id>it-no-checksums</id>
              <repositories>
                <repository><id>central</id><url>%1$s</url><releases><checksumPolicy>ignore</checksumPolicy></releases><snapshots><enabled>false</enabled></snapshots></repository>
              </repositories>
              <pluginRepositories>
                <pluginRepository><id>central</id><url>%1$s</url><releases><checksumPolicy>ignore</checksumPolicy></releases><snapshots><enabled>false</enabled></snapshots></pluginRepository>
              </pluginRepositories>
            </profile>
          </profiles>
          <activeProfiles><activeProfile>it-no-checksums</activeProfile></activeProfiles>
        </settings>
        """
            .formatted(ItEnvironment.userRepository().toUri());
    try {
      Files.createDirectories(settings.getParent());
      Files.writeString(settings, xml, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return settings;
  }
}
