package io.github.ghcrtools.core.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.failure.UserError;
import io.github.ghcrtools.core.registry.RegistryCalls;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.junit.jupiter.api.Test;

class GoalRegistryCallsTest {

  @Test
  void theUserAgentNamesThePluginAndItsVersion() {
    PluginDescriptor plugin = new PluginDescriptor();
    plugin.setVersion("1.2.3");

    RegistryCalls calls =
        GoalRegistryCalls.of(null, "helm-oci-maven-plugin", plugin, 60, "p", w -> {});

    assertEquals("helm-oci-maven-plugin/1.2.3", calls.userAgent());
    assertEquals(
        "ghcr-publish-maven-plugin/unknown",
        GoalRegistryCalls.of(null, "ghcr-publish-maven-plugin", null, 60, "p", w -> {})
            .userAgent());
  }

  @Test
  void aNegativeBudgetIsRefusedNamingTheGoalsProperty() {
    UserError e =
        assertThrows(
            UserError.class,
            () ->
                GoalRegistryCalls.of(
                    null,
                    "deploy-signal-maven-plugin",
                    null,
                    -1,
                    "deploy-signal.retry.maxTotalWait",
                    w -> {}));

    assertTrue(
        e.getMessage()
            .startsWith("Parameter 'retryMaxTotalWait' (-Ddeploy-signal.retry.maxTotalWait) is -1"),
        e.getMessage());
  }
}
