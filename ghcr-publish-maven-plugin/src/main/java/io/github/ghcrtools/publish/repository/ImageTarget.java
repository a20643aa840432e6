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
              + "': a logical name is letters, digits, '.', '_' "
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
    return resolve(new RepositoryPath("image", image), owner, name, artifactId, env);
  }

  /**
   * As {@link #resolve}, for goals that only build locally: when no owner is known at all (a
   * developer's {@code mvn package}), the placeholder owner {@value #LOCAL_OWNER} names the archive
   * instead of failing the build.
   */
  public static ImageTarget resolveForLocalBuild(
      String image, String owner, String name, String artifactId, Map<String, String> env) {
    return forRun(false, new RepositoryPath("image", image), owner, name, artifactId, env);
  }

  /**
   * The target of a run that pushes when {@code trusted}; an untrusted run only logs why it skips,
   * so it must not fail for want of an owner ({@link #resolveForLocalBuild}).
   *
   * @param path the repository path parameter ({@code image} of the image goals, {@code repository}
   *     of {@code ghcr:artifact}) and its value
   */
  public static ImageTarget forRun(
      boolean trusted,
      RepositoryPath path,
      String owner,
      String name,
      String artifactId,
      Map<String, String> env) {
    if (trusted) {
      return resolve(path, owner, name, artifactId, env);
    }
    boolean ownerKnown =
        RegistryPolicy.ownerKnown(owner, env)
            || (path.value() != null && hasHost(path.value().strip()));
    return resolve(path, ownerKnown ? owner : LOCAL_OWNER, name, artifactId, env);
  }

  /**
   * A repository path parameter as the user wrote it.
   *
   * @param parameter its name, for messages ({@code image}, {@code repository})
   * @param value a path below the owner or a full {@code ghcr.io/<owner>/<path>}; null means the
   *     artifactId
   */
  public record RepositoryPath(String parameter, String value) {}

  private static ImageTarget resolve(
      RepositoryPath path, String owner, String name, String artifactId, Map<String, String> env) {
    GhcrReference repository = repository(path, owner, artifactId, env);
    String segments = repository.repository();
    String logical =
        name == null || name.isBlank()
            ? segments.substring(segments.lastIndexOf('/') + 1)
            : name.strip();
    return new ImageTarget(repository, logical);
  }

  /** Owner used in local archive names when none is configured. */
  public static final String LOCAL_OWNER = "local";

  private static GhcrReference repository(
      RepositoryPath path, String owner, String artifactId, Map<String, String> env) {
    String parameter = path.parameter();
    boolean fromArtifactId = path.value() == null || path.value().isBlank();
    String raw = fromArtifactId ? artifactId : path.value().strip();
    if (fromArtifactId && !raw.equals(raw.toLowerCase(Locale.ROOT))) {
      throw new PolicyViolationException(
          "The artifactId '"
              + raw
              + "' is not a valid ghcr.io repository name (ghcr.io requires"
              + " lowercase): set <"
              + parameter
              + ">"
              + raw.toLowerCase(Locale.ROOT)
              + "</"
              + parameter
              + ">.");
    }
    if (!fromArtifactId && hasHost(raw)) {
      GhcrReference parsed = RegistryPolicy.parseImage(raw, parameter);
      if (parsed.tag() != null || parsed.digest() != null) {
        throw new PolicyViolationException(
            "Parameter '"
                + parameter
                + "' is '"
                + raw
                + "': it must not carry a tag or digest; write <"
                + parameter
                + ">"
                + parsed.repositoryName()
                + "</"
                + parameter
                + "> and list tags in <tags>.");
      }
      if (owner != null && !owner.isBlank() && !owner.strip().equals(parsed.owner())) {
        throw new PolicyViolationException(
            "Parameter 'owner' is '"
                + owner.strip()
                + "' but '"
                + parameter
                + "' names owner '"
                + parsed.owner()
                + "': drop <owner> or write the "
                + parameter
                + " as a path below the owner.");
      }
      return parsed;
    }
    return RegistryPolicy.image(
        RegistryPolicy.owner(owner, env), raw, fromArtifactId ? "project.artifactId" : parameter);
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
