package io.github.ghcrtools.publish.image;

import io.github.ghcrtools.core.failure.UserError;
import io.github.ghcrtools.core.policy.InsecureSettingsGuard;
import io.github.ghcrtools.core.policy.RegistriesConfGuard;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The policy checks every goal runs before it touches the network: no insecure switch in any form,
 * no registries.conf rewriting ghcr.io, and one platform at most (multi-platform images are refused
 * rather than built wrong).
 */
public final class Preflight {

  private Preflight() {}

  /**
   * @param properties merged system, user (-D) and project properties
   * @param env process environment
   * @param settings the insecure parameters as configured
   * @param platforms the {@code platforms} parameter
   * @return the platforms to build, empty for Jib's default
   */
  public static List<ImagePlatform> check(
      Map<String, String> properties,
      Map<String, String> env,
      InsecureParameters settings,
      List<String> platforms) {
    InsecureSettingsGuard.refuseFlag("allowInsecureRegistries", settings.allowInsecureRegistries());
    InsecureSettingsGuard.refuseFlag("sendCredentialsOverHttp", settings.sendCredentialsOverHttp());
    InsecureSettingsGuard.check(properties);
    RegistriesConfGuard.checkDefault(env);
    return platforms(platforms);
  }

  /** The platforms to build, each once, in the order given; empty for Jib's default. */
  static List<ImagePlatform> platforms(List<String> platforms) {
    List<ImagePlatform> given =
        platforms == null
            ? List.of()
            : platforms.stream()
                .filter(Objects::nonNull)
                .map(String::strip)
                .filter(p -> !p.isEmpty())
                .map(ImagePlatform::parse)
                .toList();
    if (new java.util.HashSet<>(given).size() != given.size()) {
      throw new UserError(
          "Parameter 'platforms' lists a platform twice: " + given + "; list each once.",
          "platforms",
          null);
    }
    for (int i = 0; i < given.size(); i++) {
      for (int j = i + 1; j < given.size(); j++) {
        ImagePlatform a = given.get(i);
        ImagePlatform b = given.get(j);
        if (a.os().equals(b.os()) && a.architecture().equals(b.architecture())) {
          throw new UserError(
              "Parameter 'platforms' lists "
                  + a
                  + " and "
                  + b
                  + ": Jib picks a base image by os and architecture only, so both would be built"
                  + " on the same base; list one variant per architecture.",
              "platforms",
              null);
        }
      }
    }
    return given;
  }

  /** Jib's insecure switches, exposed as parameters only so that setting them fails loudly. */
  public record InsecureParameters(
      boolean allowInsecureRegistries, boolean sendCredentialsOverHttp) {
    public static InsecureParameters none() {
      return new InsecureParameters(false, false);
    }
  }
}
