package io.github.ghcrtools.publish.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.core.reactor.RunShared;
import io.github.ghcrtools.core.registry.Sha256;
import io.github.ghcrtools.core.sbom.SbomComponents;
import io.github.ghcrtools.core.sbom.SbomDocument;
import io.github.ghcrtools.publish.image.BaseImage;
import io.github.ghcrtools.publish.image.LibraryNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Hash;

/**
 * The CycloneDX SBOM of one image, from what goes into it: the application (its classes and
 * resources), every runtime dependency jar with its purl, SHA-256 and path in the image, the files
 * of {@code extraDirectories}, and the base image by digest ({@code scratch} has none). Written to
 * {@code target/ghcr/<name>.cdx.json}, the same bytes for the same build.
 *
 * @param repository the image's repository ({@code ghcr.io/<owner>/<path>})
 * @param application the project itself (its file is not hashed: its classes are in the image)
 * @param dependencies the jars in {@code <appRoot>/libs}
 * @param appRoot where Jib puts classes, resources and libs
 * @param extraDirectories directories copied to the image root
 * @param base the base image
 * @param created the build's output timestamp
 * @param file where the SBOM goes
 */
public record ImageSbom(
    String repository,
    MavenFile application,
    List<MavenFile> dependencies,
    String appRoot,
    List<Path> extraDirectories,
    BaseImage base,
    Instant created,
    Path file) {

  public ImageSbom {
    dependencies = List.copyOf(dependencies);
    extraDirectories = List.copyOf(extraDirectories);
  }

  /**
   * Writes the SBOM of the image whose digest is {@code digest}, unless the file already is that
   * image's SBOM; returns its file.
   *
   * @param run the Maven run, whose plugins share the schema check
   */
  public Path write(String digest, RunShared run) throws IOException {
    if (SbomDocument.current(file, repository, digest)) {
      return file;
    }
    List<Component> components = new ArrayList<>();
    components.add(
        SbomComponents.maven(
            Component.Type.APPLICATION,
            application.groupId(),
            application.artifactId(),
            application.version(),
            application.classifier(),
            application.type(),
            null));
    Map<Path, String> names = LibraryNames.of(dependencies.stream().map(MavenFile::file).toList());
    for (MavenFile jar : dependencies) {
      components.add(
          SbomComponents.at(
              SbomComponents.maven(
                  Component.Type.LIBRARY,
                  jar.groupId(),
                  jar.artifactId(),
                  jar.version(),
                  jar.classifier(),
                  jar.type(),
                  jar.file()),
              appRoot
                  + "/libs/"
                  + names.getOrDefault(jar.file(), jar.file().getFileName().toString())));
    }
    // a path two directories share is the later one's in the image: its layer goes on top
    Map<String, Path> extraFiles = new java.util.TreeMap<>();
    for (Path directory : extraDirectories) {
      if (!Files.isDirectory(directory)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(directory)) {
        for (Path path : walk.filter(Files::isRegularFile).sorted().toList()) {
          extraFiles.put("/" + directory.relativize(path).toString().replace('\\', '/'), path);
        }
      }
    }
    for (Map.Entry<String, Path> file : extraFiles.entrySet()) {
      components.add(SbomComponents.file(file.getKey(), file.getValue()));
    }
    components.add(baseComponent());
    Component image = SbomComponents.container(repository, repository, digest);
    image.setBomRef("image");
    byte[] json = SbomDocument.json(image, digest, created, components, run);
    return SbomDocument.write(file, json);
  }

  private Component baseComponent() throws IOException {
    if (base instanceof BaseImage.Registry registry) {
      String reference = registry.reference();
      int at = reference.indexOf("@sha256:");
      String repositoryPart = at > 0 ? reference.substring(0, at) : reference;
      return SbomComponents.container(
          reference, stripTag(repositoryPart), at > 0 ? reference.substring(at + 1) : null);
    }
    if (base instanceof BaseImage.LocalTar tar) {
      // the SHA-256 of the tar file, not an OCI digest: no purl claims one
      Component file = SbomComponents.container(tar.file().getFileName().toString(), null, null);
      String sha = Sha256.digestOf(tar.file());
      file.addHash(new Hash(Hash.Algorithm.SHA_256, sha.substring("sha256:".length())));
      return file;
    }
    if (base instanceof BaseImage.OciLayoutDirectory layout) {
      // a mapper of its own, made only here: a static one would load Jackson on Maven's thread
      // as soon as this class is touched, before the build needs JSON
      JsonNode index =
          new ObjectMapper().readTree(layout.directory().resolve("index.json").toFile());
      String digest = index.path("manifests").path(0).path("digest").asText(null);
      return SbomComponents.container(layout.directory().getFileName().toString(), null, digest);
    }
    return SbomComponents.container("scratch", null, null);
  }

  /** {@code ghcr.io/o/base:1} → {@code ghcr.io/o/base}; a port colon is not a tag. */
  private static String stripTag(String reference) {
    int slash = reference.lastIndexOf('/');
    int colon = reference.lastIndexOf(':');
    return colon > slash ? reference.substring(0, colon) : reference;
  }
}
