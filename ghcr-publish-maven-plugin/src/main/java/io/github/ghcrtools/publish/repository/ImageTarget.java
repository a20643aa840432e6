package io.github.ghcrtools.publish.repository;

import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.policy.PolicyViolationException;
import io.github.ghcrtools.core.policy.RegistryPolicy;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where an image goes: the checked ghcr.io repository and the logical name that records, files and
 * GitHub outputs use ({@code api} for {@code ghcr.io/acme/pytoya/api}).
 *
 * @param repository {@code ghcr.io/<owner>/<path>} without tag or digest
 * @param name logical name
 */
public record ImageTarget(GhcrReference repository, String name) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  public ImageTarget {
    if (repository.tag() != null || repository.digest() != null) {
      throw new IllegalArgumentException("repository must not carry a tag or digest");
    }
    if (name == null || !NAME.matcher(name).matches()) {
      throw new PolicyViolationException(
          "Parameter 'name' is '"
              + name
              + "': a logical image name is letters, digits, '.', '_' "
              + "and '-' (it names files and GitHub outputs); set <name>, e.g. <name>api</name>.");
    }
  }

  /**
   * @param image the {@code image} parameter: a path below the owner ({@code api}, {@code
   *     pytoya/api}) or a full {@code ghcr.io/<owner>/<path>}; null means the artifactId
   * @param owner the {@code owner} parameter, may be null (then env GHCR_OWNER /
   *     GITHUB_REPOSITORY_OWNER)
   * @param name the {@code name} parameter, may be null (then the last path segment)
   * @param artifactId the project's artifactId
   * @param env process environment
   */
  public static ImageTarget resolve(
      String image, String owner, String name, String artifactId, Map<String, String> env) {
    GhcrReference repository = repository(image, owner, artifactId, env);
    String path = repository.repository();
    String logical =
        name == null || name.isBlank() ? path.substring(path.lastIndexOf('/') + 1) : name.strip();
    return new ImageTarget(repository, logical);
  }

  /**
   * As {@link #resolve}, for goals that only build locally: when no owner is known at all (a
   * developer's {@code mvn package}), the placeholder owner {@value #LOCAL_OWNER} names the archive
   * instead of failing the build.
   */
  public static ImageTarget resolveForLocalBuild(
      String image, String owner, String name, String artifactId, Map<String, String> env) {
    boolean ownerKnown =
        RegistryPolicy.ownerKnown(owner, env) || (image != null && hasHost(image.strip()));
    return resolve(image, ownerKnown ? owner : LOCAL_OWNER, name, artifactId, env);
  }

  /** Owner used in local archive names when none is configured. */
  public static final String LOCAL_OWNER = "local";

  private static GhcrReference repository(
      String image, String owner, String artifactId, Map<String, String> env) {
    boolean fromArtifactId = image == null || image.isBlank();
    String raw = fromArtifactId ? artifactId : image.strip();
    if (fromArtifactId && !raw.equals(raw.toLowerCase(Locale.ROOT))) {
      throw new PolicyViolationException(
          "The artifactId '"
              + raw
              + "' is not a valid ghcr.io image name (ghcr.io requires"
              + " lowercase): set <image>"
              + raw.toLowerCase(Locale.ROOT)
              + "</image>.");
    }
    if (!fromArtifactId && hasHost(raw)) {
      GhcrReference parsed = RegistryPolicy.parseImage(raw, "image");
      if (parsed.tag() != null || parsed.digest() != null) {
        throw new PolicyViolationException(
            "Parameter 'image' is '"
                + raw
                + "': it must not carry a tag or digest; write <image>"
                + parsed.repositoryName()
                + "</image> and list tags in <tags>.");
      }
      if (owner != null && !owner.isBlank() && !owner.strip().equals(parsed.owner())) {
        throw new PolicyViolationException(
            "Parameter 'owner' is '"
                + owner.strip()
                + "' but 'image' names owner '"
                + parsed.owner()
                + "': drop <owner> or write the image as a path below the owner.");
      }
      return parsed;
    }
    return RegistryPolicy.image(
        RegistryPolicy.owner(owner, env), raw, fromArtifactId ? "project.artifactId" : "image");
  }

  /** A first segment with a dot, a colon, a scheme or {@code localhost} names a registry host. */
  static boolean hasHost(String raw) {
    if (raw.contains("://")) {
      return true;
    }
    int slash = raw.indexOf('/');
    String first = slash < 0 ? raw : raw.substring(0, slash);
    return first.contains(".") || first.contains(":") || first.equalsIgnoreCase("localhost");
  }

  /** {@code ghcr.io/<owner>/<path>:<tag>}. */
  public GhcrReference tagged(String tag) {
    return repository.withTag(tag);
  }
}
