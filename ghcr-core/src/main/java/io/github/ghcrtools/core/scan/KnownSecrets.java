package io.github.ghcrtools.core.scan;

import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.credentials.Secret;
import io.github.ghcrtools.core.failure.UserError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The exact secret values of this build: env {@code GHCR_TOKEN}, env {@code GITHUB_TOKEN} and the
 * registry password the credentials resolved to. A filtered resource that captured one of them
 * would ship the very token that publishes the image, whatever shape it has, so these are searched
 * for literally. Values shorter than {@value #MIN_LENGTH} characters are left out: they match too
 * much ordinary text to mean anything. {@code toString()} never shows a value.
 */
public final class KnownSecrets {

  /** Shorter values are not searched for. */
  public static final int MIN_LENGTH = 8;

  /** The values as the scan's text holds them (one char per byte of UTF-8), with their sources. */
  private final List<Known> values;

  private KnownSecrets(List<Known> values) {
    this.values = List.copyOf(values);
  }

  record Known(String bytes, String source) {
    @Override
    public String toString() {
      return source;
    }
  }

  /** No known values: only the token shapes are searched for. */
  public static KnownSecrets none() {
    return new KnownSecrets(List.of());
  }

  /**
   * @param env the process environment ({@code GHCR_TOKEN}, {@code GITHUB_TOKEN})
   * @param registryPassword the password (token) the build's ghcr.io credentials resolved to, if
   *     any
   */
  public static KnownSecrets of(Map<String, String> env, Optional<Secret> registryPassword) {
    Map<String, String> sources = new LinkedHashMap<>();
    for (String name : List.of("GHCR_TOKEN", "GITHUB_TOKEN")) {
      String value = env == null ? null : env.get(name);
      if (value != null) {
        sources.merge(value.strip(), "env " + name, (a, b) -> a + ", " + b);
      }
    }
    registryPassword.ifPresent(
        p -> sources.merge(p.reveal().strip(), "registry password", (a, b) -> a + ", " + b));
    List<Known> values = new ArrayList<>();
    sources.forEach(
        (value, source) -> {
          if (value.length() >= MIN_LENGTH) {
            values.add(
                new Known(
                    new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1),
                    source));
          }
        });
    return new KnownSecrets(values);
  }

  /**
   * The known values of a build whose credentials may not resolve: credentials that cannot be
   * resolved (a half-filled source) add nothing here, and the push reports them itself.
   *
   * @param credentials resolves the build's ghcr.io credentials in the documented order
   */
  public static KnownSecrets forBuild(
      Map<String, String> env, Supplier<Optional<RegistryCredentials>> credentials) {
    Optional<Secret> password;
    try {
      password = credentials.get().map(RegistryCredentials::token);
    } catch (UserError e) {
      password = Optional.empty();
    }
    return of(env, password);
  }

  List<Known> values() {
    return values;
  }

  /** The longest value, in bytes: the scan's windows overlap by more than this. */
  int longest() {
    return values.stream().mapToInt(k -> k.bytes().length()).max().orElse(0);
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  @Override
  public String toString() {
    return values.size() + " known secret value(s) from " + values;
  }
}
