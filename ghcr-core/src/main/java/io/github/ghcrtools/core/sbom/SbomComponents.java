package io.github.ghcrtools.core.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURLBuilder;
import io.github.ghcrtools.core.registry.Sha256;
import java.io.IOException;
import java.nio.file.Path;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.Property;

/**
 * The CycloneDX components the plugins list: Maven artifacts by purl and SHA-256, plain files, and
 * container images by digest. One place, so images and charts describe the same things alike.
 */
public final class SbomComponents {

  /** Property naming where a component sits inside the artifact (an image path). */
  public static final String PATH_PROPERTY = "ghcr:path";

  private SbomComponents() {}

  /**
   * A Maven artifact, {@code pkg:maven/<group>/<artifact>@<version>}, hashed when its file is
   * given.
   *
   * @param classifier may be null
   * @param type the Maven type ({@code jar} is left out of the purl, as the purl spec does)
   * @param file the artifact's file, or null
   */
  public static Component maven(
      Component.Type kind,
      String groupId,
      String artifactId,
      String version,
      String classifier,
      String type,
      Path file)
      throws IOException {
    Component component = new Component();
    component.setType(kind);
    component.setGroup(groupId);
    component.setName(artifactId);
    component.setVersion(version);
    String purl = mavenPurl(groupId, artifactId, version, classifier, type);
    component.setPurl(purl);
    component.setBomRef(purl);
    if (file != null) {
      component.addHash(sha256(file));
    }
    return component;
  }

  /** {@code pkg:maven/...}, canonical. */
  public static String mavenPurl(
      String groupId, String artifactId, String version, String classifier, String type) {
    try {
      PackageURLBuilder purl =
          PackageURLBuilder.aPackageURL()
              .withType("maven")
              .withNamespace(groupId)
              .withName(artifactId)
              .withVersion(version);
      if (classifier != null && !classifier.isBlank()) {
        purl.withQualifier("classifier", classifier);
      }
      if (type != null && !type.isBlank() && !"jar".equals(type)) {
        purl.withQualifier("type", type);
      }
      return purl.build().canonicalize();
    } catch (MalformedPackageURLException e) {
      throw new IllegalArgumentException(
          "cannot name " + groupId + ":" + artifactId + ":" + version + " as a purl", e);
    }
  }

  /** A file at {@code path} inside the artifact, with its SHA-256. */
  public static Component file(String path, Path file) throws IOException {
    Component component = new Component();
    component.setType(Component.Type.FILE);
    component.setName(path);
    component.setBomRef("file:" + path);
    component.addHash(sha256(file));
    return component;
  }

  /**
   * A container image: {@code pkg:oci/<name>@<digest>?repository_url=<repository>} when the digest
   * is known, else only its name (an unpinned or {@code scratch} base).
   *
   * @param repository where it lives ({@code ghcr.io/owner/name}), or null
   * @param digest {@code sha256:<hex>}, or null
   */
  public static Component container(String name, String repository, String digest) {
    Component component = new Component();
    component.setType(Component.Type.CONTAINER);
    component.setName(name);
    if (digest != null) {
      component.setVersion(digest);
      component.addHash(
          new Hash(Hash.Algorithm.SHA_256, digest.substring(digest.indexOf(':') + 1)));
      String purl =
          ociPurl(lastSegment(repository == null ? name : repository), repository, digest);
      component.setPurl(purl);
      component.setBomRef(purl);
    } else {
      component.setBomRef("container:" + name);
    }
    return component;
  }

  /** {@code pkg:oci/<name>@<digest>?repository_url=<repository>}. */
  public static String ociPurl(String name, String repository, String digest) {
    try {
      PackageURLBuilder purl =
          PackageURLBuilder.aPackageURL().withType("oci").withName(name).withVersion(digest);
      if (repository != null) {
        purl.withQualifier("repository_url", repository);
      }
      return purl.build().canonicalize();
    } catch (MalformedPackageURLException e) {
      throw new IllegalArgumentException("cannot name " + name + " as a purl", e);
    }
  }

  /** Adds the {@link #PATH_PROPERTY} of {@code component}. */
  public static Component at(Component component, String path) {
    Property property = new Property();
    property.setName(PATH_PROPERTY);
    property.setValue(path);
    component.addProperty(property);
    return component;
  }

  private static String lastSegment(String repository) {
    String name = repository;
    int colon = name.indexOf('@');
    if (colon > 0) {
      name = name.substring(0, colon);
    }
    int slash = name.lastIndexOf('/');
    name = slash >= 0 ? name.substring(slash + 1) : name;
    int tag = name.indexOf(':');
    return (tag > 0 ? name.substring(0, tag) : name).toLowerCase(java.util.Locale.ROOT);
  }

  private static Hash sha256(Path file) throws IOException {
    String digest = Sha256.digestOf(file);
    return new Hash(Hash.Algorithm.SHA_256, digest.substring("sha256:".length()));
  }
}
