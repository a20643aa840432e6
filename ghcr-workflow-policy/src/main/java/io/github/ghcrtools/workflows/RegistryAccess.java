package io.github.ghcrtools.workflows;

import java.util.Locale;

/**
 * A registry a step logs in to, pushes to or names an image on, as written in the workflow.
 *
 * @param kind a login, a push, or an image named elsewhere (a tag, a service, a container)
 * @param server the registry host (or login server) after expanding known variables; {@code null}
 *     when the command names none (Docker Hub)
 * @param reference the pushed or named reference, or {@code null} for a login
 */
record RegistryAccess(Kind kind, String server, String reference) {

  /** How the workflow reaches the registry. */
  enum Kind {
    LOGIN,
    PUSH,
    IMAGE
  }

  static RegistryAccess login(String server) {
    return new RegistryAccess(Kind.LOGIN, server, null);
  }

  /** A push of {@code reference}, whose registry is read the way Docker reads it. */
  static RegistryAccess push(String reference) {
    return new RegistryAccess(Kind.PUSH, hostOfReference(reference), reference);
  }

  /** An image {@code reference} the workflow names, read the way Docker reads it. */
  static RegistryAccess image(String reference) {
    return new RegistryAccess(Kind.IMAGE, hostOfReference(reference), reference);
  }

  /** Whether this is a push. */
  boolean push() {
    return kind == Kind.PUSH;
  }

  /** Whether the host is only known when the job runs (a variable or expression). */
  boolean unresolved() {
    return server != null && server.contains("$");
  }

  /** Whether this is exactly ghcr.io, the only registry the policy allows. */
  boolean ghcr() {
    if (server == null) {
      return false;
    }
    String host = server.strip().toLowerCase(Locale.ROOT);
    host = host.startsWith("https://") ? host.substring("https://".length()) : host;
    host = host.endsWith("/") ? host.substring(0, host.length() - 1) : host;
    return host.equals("ghcr.io");
  }

  /**
   * Docker's rule: the first path component is a registry host when it has a dot, a colon or is
   * {@code localhost}; otherwise the image lives on Docker Hub. {@code docker://} and {@code
   * oci://} prefixes are dropped.
   */
  static String hostOfReference(String reference) {
    String ref = reference;
    for (String scheme : new String[] {"docker://", "oci://"}) {
      if (ref.regionMatches(true, 0, scheme, 0, scheme.length())) {
        ref = ref.substring(scheme.length());
      }
    }
    int slash = ref.indexOf('/');
    if (slash < 0) {
      return ref.contains("$") ? ref : "docker.io";
    }
    String first = ref.substring(0, slash);
    boolean host =
        first.contains(".")
            || first.contains(":")
            || first.equals("localhost")
            || first.contains("$");
    return host ? first : "docker.io";
  }
}
