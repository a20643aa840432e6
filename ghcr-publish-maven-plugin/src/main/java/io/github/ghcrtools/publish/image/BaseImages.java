package io.github.ghcrtools.publish.image;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.policy.PolicyViolationException;
import io.github.ghcrtools.core.policy.RegistryPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads the {@code baseImage} parameter and applies the base-image policy: {@code scratch}, a local
 * tar ({@code tar://path} or a path ending in {@code .tar}), an OCI layout directory, or a ghcr.io
 * image, best pinned by digest (a tag alone is warned about: it may move under the next build). No
 * other registry, not even for pulls: the workflow uses no registry host but ghcr.io, and a team
 * keeps its vetted base images there.
 */
public final class BaseImages {

  public static final String PARAMETER = "baseImage";
  private static final String TAR_SCHEME = "tar://";
  private static final Set<String> DOCKER_HUB =
      Set.of("docker.io", "index.docker.io", "registry-1.docker.io");

  private BaseImages() {}

  /**
   * @param spec the parameter value; null or blank means scratch
   * @param basedir project directory, against which relative paths resolve
   * @param warn receives the warning for a ghcr.io base image named by tag alone
   */
  public static BaseImage parse(String spec, Path basedir, Consumer<String> warn) {
    if (spec == null || spec.isBlank() || spec.strip().equals("scratch")) {
      return new BaseImage.Scratch();
    }
    String value = spec.strip();
    if (value.regionMatches(true, 0, TAR_SCHEME, 0, TAR_SCHEME.length())) {
      return localTar(basedir.resolve(value.substring(TAR_SCHEME.length())), value);
    }
    if (value.toLowerCase(Locale.ROOT).endsWith(".tar")) {
      return localTar(basedir.resolve(value), value);
    }
    Path asPath = looksLikePath(value) ? basedir.resolve(value) : null;
    if (asPath != null && Files.isDirectory(asPath)) {
      if (!Files.isRegularFile(asPath.resolve("index.json"))) {
        throw new PolicyViolationException(
            "Parameter '"
                + PARAMETER
                + "' is '"
                + value
                + "': the directory is not an OCI image"
                + " layout (no index.json); point it at an OCI layout directory, a .tar, a ghcr.io"
                + " image or 'scratch'.");
      }
      return new BaseImage.OciLayoutDirectory(asPath.normalize());
    }
    return registry(value, warn);
  }

  private static BaseImage localTar(Path file, String value) {
    if (!Files.isRegularFile(file)) {
      throw new PolicyViolationException(
          "Parameter '"
              + PARAMETER
              + "' is '"
              + value
              + "': no such file "
              + file.getFileName()
              + "; build or download the base image tar first, or fix the path (relative to the"
              + " project directory).");
    }
    return new BaseImage.LocalTar(file.normalize());
  }

  private static boolean looksLikePath(String value) {
    return value.startsWith(".") || value.startsWith("/") || value.contains("\\");
  }

  private static BaseImage registry(String value, Consumer<String> warn) {
    if (value.toLowerCase(Locale.ROOT).startsWith(GhcrReference.REGISTRY + "/")
        || value.contains("://")
        || hasUserInfo(value)) {
      // the policy's own parser first: it names the exact fix (lowercase, digest form, ...), takes
      // an https:// form, and never repeats the user-info (a token) that Jib's parser would
      return ghcr(value, warn);
    }
    ImageReference reference;
    try {
      reference = ImageReference.parse(value);
    } catch (InvalidImageReferenceException e) {
      throw new PolicyViolationException(
          "Parameter '"
              + PARAMETER
              + "' is '"
              + value
              + "': not an image reference, tar file or"
              + " OCI layout directory; write e.g. ghcr.io/<owner>/<image>:<tag>, tar://base.tar or"
              + " scratch.");
    }
    String registry = reference.getRegistry().toLowerCase(Locale.ROOT);
    if (!registry.equals(GhcrReference.REGISTRY)) {
      throw new PolicyViolationException(
          "Parameter '"
              + PARAMETER
              + "' is '"
              + value
              + "': base images come from ghcr.io, a local tar or OCI layout, or 'scratch';"
              + " registry '"
              + displayHost(registry)
              + "' is not allowed, not even for pulls (the workflow uses no registry host but"
              + " ghcr.io). Keep a copy of the base image in ghcr.io (a base-image module of this"
              + " reactor, or a one-off 'skopeo copy docker://"
              + value
              + " docker://ghcr.io/<owner>/<name>:<tag>') and name it by digest, or use a local"
              + " tar or OCI layout.");
    }
    return ghcr(value, warn);
  }

  private static BaseImage ghcr(String value, Consumer<String> warn) {
    GhcrReference checked = RegistryPolicy.parseImage(value, PARAMETER);
    if (checked.digest() == null) {
      warn.accept(
          "Base image "
              + checked
              + " is named by tag alone: a tag can move, and the next build of this commit would"
              + " then get another base. Pin it by digest ("
              + checked
              + "@sha256:...); 'skopeo inspect docker://"
              + checked
              + "' shows it.");
    }
    return new BaseImage.Registry(checked.toString(), GhcrReference.REGISTRY, true);
  }

  /**
   * {@code user:token@host/...}: an {@code @} that does not start a digest ({@code @sha256:}). A
   * token may hold a {@code /}, so where the {@code @} stands says nothing.
   */
  private static boolean hasUserInfo(String value) {
    for (int at = value.indexOf('@'); at >= 0; at = value.indexOf('@', at + 1)) {
      if (!value.startsWith("@sha256:", at)) {
        return true;
      }
    }
    return false;
  }

  private static String displayHost(String registry) {
    return DOCKER_HUB.contains(registry) ? "docker.io" : registry;
  }
}
