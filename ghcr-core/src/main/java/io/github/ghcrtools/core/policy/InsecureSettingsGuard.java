package io.github.ghcrtools.core.policy;

import java.util.List;
import java.util.Map;

/**
 * Refuses the switches that would let a credential or an artifact travel without verified TLS. Jib
 * reads its insecure flags from system properties, so they can arrive from the command line, {@code
 * MAVEN_OPTS}, {@code .mvn/maven.config} or POM properties; callers pass all of them merged.
 */
public final class InsecureSettingsGuard {

  /** Properties that weaken transport security when set to anything but false. */
  static final List<String> INSECURE_PROPERTIES =
      List.of(
          "jib.allowInsecureRegistries",
          "sendCredentialsOverHttp",
          "jib.sendCredentialsOverHttp",
          // java.net.http (used by the ORAS client) skips hostname checks with this one
          "jdk.internal.httpclient.disableHostnameVerification");

  private InsecureSettingsGuard() {}

  /**
   * @param properties merged system, user and project properties
   */
  public static void check(Map<String, String> properties) {
    for (String name : INSECURE_PROPERTIES) {
      String value = properties.get(name);
      if (isSet(value)) {
        throw new PolicyViolationException(
            "Property '"
                + name
                + "' is set to '"
                + value
                + "': insecure registry access is refused, ghcr.io is only reached over verified https;"
                + " remove it from the command line, MAVEN_OPTS, .mvn/maven.config and the POM properties.");
      }
    }
  }

  /**
   * For plugin parameters such as allowInsecureRegistries, plainHttp, insecure or skipTlsVerify.
   */
  public static void refuseFlag(String parameterName, boolean value) {
    if (value) {
      throw new PolicyViolationException(
          "Parameter '"
              + parameterName
              + "' is true: insecure registry access is refused, ghcr.io is only reached over verified https;"
              + " remove it or set it to false.");
    }
  }

  /**
   * The JDK reads an empty value as true, Maven turns a bare -Dname into "true": only "false" is
   * safe.
   */
  private static boolean isSet(String value) {
    return value != null && !value.strip().equalsIgnoreCase("false");
  }
}
