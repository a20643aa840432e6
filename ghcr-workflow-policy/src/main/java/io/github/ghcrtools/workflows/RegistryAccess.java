package io.github.ghcrtools.workflows;

import java.util.Locale;

/**
 * A registry a step logs in to or pushes to, as written in the workflow.
 *
 * @param push {@code true} for a push, {@code false} for a login
 * @param server the registry host (or login server) after expanding known variables; {@code null}
 *     when the command names none (Docker Hub)
 * @param reference the pushed reference, or {@code null} for a login
 */
record RegistryAccess(boolean push, String server, String reference) {

  static RegistryAccess login(String server) {
    return new RegistryAccess(false, server, null);
  }

  /** A push of {@code reference}, whose registry is read the way Docker reads it. */
  static RegistryAccess push(String reference) {
    return new RegistryAccess(true, hostOfReference(reference), reference);
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
