package io.github.ghcrtools.publish.image;

import io.github.ghcrtools.core.failure.UserError;
import io.github.ghcrtools.core.policy.InsecureSettingsGuard;
import io.github.ghcrtools.core.policy.RegistriesConfGuard;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
   * @return the single platform, when one is configured
   */
  public static Optional<String> check(
      Map<String, String> properties,
      Map<String, String> env,
      InsecureParameters settings,
      List<String> platforms) {
    InsecureSettingsGuard.refuseFlag("allowInsecureRegistries", settings.allowInsecureRegistries());
    InsecureSettingsGuard.refuseFlag("sendCredentialsOverHttp", settings.sendCredentialsOverHttp());
    InsecureSettingsGuard.check(properties);
    RegistriesConfGuard.checkDefault(env);
    return platform(platforms);
  }

  static Optional<String> platform(List<String> platforms) {
    List<String> given =
        platforms == null
            ? List.of()
            : platforms.stream()
                .filter(Objects::nonNull)
                .map(String::strip)
                .filter(p -> !p.isEmpty())
                .toList();
    if (given.size() > 1) {
      throw new UserError(
          "Parameter 'platforms' lists "
              + given.size()
              + " platforms "
              + given
              + ": multi-platform images are not yet supported; list one platform (e.g. linux/amd64)"
              + " or build one image per platform.");
    }
    if (given.isEmpty()) {
      return Optional.empty();
    }
    ContainerFactory.platform(given.get(0));
    return Optional.of(given.get(0));
  }

  /** Jib's insecure switches, exposed as parameters only so that setting them fails loudly. */
  public record InsecureParameters(
      boolean allowInsecureRegistries, boolean sendCredentialsOverHttp) {
    public static InsecureParameters none() {
      return new InsecureParameters(false, false);
    }
  }
}
