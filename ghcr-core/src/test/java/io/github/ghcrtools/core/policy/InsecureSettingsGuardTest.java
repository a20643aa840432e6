package io.github.ghcrtools.core.policy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InsecureSettingsGuardTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "jib.allowInsecureRegistries | true",
        "jib.allowInsecureRegistries | TRUE",
        "jib.allowInsecureRegistries | ''",
        "sendCredentialsOverHttp | true",
        "jib.sendCredentialsOverHttp | yes",
        "jdk.internal.httpclient.disableHostnameVerification | ''",
        "jdk.internal.httpclient.disableHostnameVerification | true",
      })
  void refusesInsecureProperties(String name, String value) {
    var e =
        assertThrows(
            PolicyViolationException.class,
            () -> InsecureSettingsGuard.check(Map.of(name, value, "jib.httpTimeout", "1000")));
    assertEquals(
        "Property '"
            + name
            + "' is set to '"
            + value
            + "': insecure registry access is refused,"
            + " ghcr.io is only reached over verified https; remove it from the command line, MAVEN_OPTS,"
            + " .mvn/maven.config and the POM properties.",
        e.getMessage());
  }

  @Test
  void acceptsAbsentOrFalseProperties() {
    assertDoesNotThrow(() -> InsecureSettingsGuard.check(Map.of()));
    assertDoesNotThrow(
        () ->
            InsecureSettingsGuard.check(
                Map.of(
                    "jib.allowInsecureRegistries", "false",
                    "sendCredentialsOverHttp", " False ",
                    "jib.sendCredentialsOverHttp", "FALSE",
                    "jib.httpTimeout", "true",
                    "https.proxyHost", "localhost")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"allowInsecureRegistries", "plainHttp", "insecure", "skipTlsVerify"})
  void refusesInsecureParameters(String parameter) {
    var e =
        assertThrows(
            PolicyViolationException.class,
            () -> InsecureSettingsGuard.refuseFlag(parameter, true));
    assertEquals(
        "Parameter '"
            + parameter
            + "' is true: insecure registry access is refused, ghcr.io is only"
            + " reached over verified https; remove it or set it to false.",
        e.getMessage());
    assertDoesNotThrow(() -> InsecureSettingsGuard.refuseFlag(parameter, false));
  }
}
