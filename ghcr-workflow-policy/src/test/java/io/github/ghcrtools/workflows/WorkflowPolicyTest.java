package io.github.ghcrtools.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class WorkflowPolicyTest {

  private static final String HOSTS_FIX =
      " \u2014 leave the runner's host configuration alone;"
          + " ghcr.io is reached through public DNS and TLS";
  private static final String TLS_FIX =
      " \u2014 remove it; registries are reached over verified TLS only";
  private static final String LOGIN_FIX = " \u2014 log in to ghcr.io only";
  private static final String PUSH_FIX = " \u2014 push to ghcr.io/<owner>/... only";
  private static final String PR_FIX =
      " \u2014 guard the job with \"if: github.event_name != 'pull_request'\""
          + " or drop the pull_request trigger";
  private static final String PACKAGES_FIX =
      " \u2014 add \"permissions: { contents: read, packages: write }\" to the job";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "good/publish-on-tags.yml",
        "good/deploy-self-hosted.yml",
        "good/needs-guard.yaml"
      })
  void compliantWorkflowsPass(String fixture) throws IOException {
    assertEquals(List.of(), check(fixture));
  }

  static Stream<Arguments> violations() {
    return Stream.of(
        Arguments.of(
            "bad/host-files.yml",
            List.of(
                "host-files.yml: job 'pin' step 'Pin ghcr.io': writes /etc/hosts" + HOSTS_FIX,
                "host-files.yml: job 'pin' step '#2': writes /etc/hosts" + HOSTS_FIX,
                "host-files.yml: job 'pin' step 'Edit hosts': writes /etc/hosts" + HOSTS_FIX,
                "host-files.yml: job 'pin' step 'Copy hosts': writes /etc/hosts" + HOSTS_FIX,
                "host-files.yml: job 'pin' step 'Daemon config': writes /etc/docker/daemon.json"
                    + HOSTS_FIX,
                "host-files.yml: job 'pin' step 'Registries config': writes ~/.config/containers/registries.conf"
                    + HOSTS_FIX)),
        Arguments.of(
            "bad/insecure-registry.yml",
            List.of(
                "insecure-registry.yml: job 'insecure' step 'Docker daemon': configures an insecure registry"
                    + " (insecure-registries)"
                    + TLS_FIX,
                "insecure-registry.yml: job 'insecure' step 'dockerd': configures an insecure registry"
                    + " (--insecure-registry)"
                    + TLS_FIX,
                "insecure-registry.yml: job 'insecure' step 'Buildx output': configures an insecure registry"
                    + " (registry.insecure=true)"
                    + TLS_FIX,
                "insecure-registry.yml: job 'insecure' step 'BuildKit config': configures an insecure registry"
                    + " (http = true)"
                    + TLS_FIX,
                "insecure-registry.yml: job 'insecure' step 'Helm skip verify': configures an insecure registry"
                    + " (--insecure-skip-tls-verify)"
                    + TLS_FIX,
                "insecure-registry.yml: job 'insecure' step 'Helm plain http': configures an insecure registry"
                    + " (--plain-http)"
                    + TLS_FIX,
                "insecure-registry.yml: job 'insecure' step 'ORAS': configures an insecure registry"
                    + " (oras --insecure)"
                    + TLS_FIX,
                "insecure-registry.yml: job 'insecure' step 'Skopeo copy': configures an insecure registry"
                    + " (--dest-tls-verify=false)"
                    + TLS_FIX,
                "insecure-registry.yml: job 'insecure' step 'Skopeo inspect': configures an insecure registry"
                    + " (--tls-verify=false)"
                    + TLS_FIX,
                "insecure-registry.yml: job 'insecure' step 'Jib': configures an insecure registry"
                    + " (allowInsecureRegistries=true)"
                    + TLS_FIX,
                "insecure-registry.yml: job 'insecure' step 'Flags from env': configures an insecure registry"
                    + " (--plain-http)"
                    + TLS_FIX)),
        Arguments.of(
            "bad/foreign-registry.yml",
            List.of(
                "foreign-registry.yml: job 'registries' step 'Docker Hub login': logs in to Docker Hub"
                    + " (no registry given)"
                    + LOGIN_FIX,
                "foreign-registry.yml: job 'registries' step '#2': logs in to Docker Hub (no registry given)"
                    + LOGIN_FIX,
                "foreign-registry.yml: job 'registries' step 'Quay action': logs in to registry 'quay.io'"
                    + LOGIN_FIX,
                "foreign-registry.yml: job 'registries' step 'Helm login': logs in to registry"
                    + " 'registry.example.com:5000'"
                    + LOGIN_FIX,
                "foreign-registry.yml: job 'registries' step 'ORAS': logs in to registry 'docker.pkg.dev'"
                    + LOGIN_FIX,
                "foreign-registry.yml: job 'registries' step 'ORAS': pushes to registry 'docker.pkg.dev'"
                    + " (docker.pkg.dev/acme/artifacts/app:1)"
                    + PUSH_FIX,
                "foreign-registry.yml: job 'registries' step 'Docker push': pushes to registry 'docker.io'"
                    + " (acme/api:1.0)"
                    + PUSH_FIX,
                "foreign-registry.yml: job 'registries' step 'Helm push': pushes to registry"
                    + " 'registry.example.com' (oci://registry.example.com/charts)"
                    + PUSH_FIX,
                "foreign-registry.yml: job 'registries' step 'Unknown registry': logs in to registry"
                    + " '${{vars.REGISTRY}}', which is only known at run time"
                    + " \u2014 write ghcr.io literally (or set the variable in env:)",
                "foreign-registry.yml: job 'registries' step 'Registry from env': logs in to registry 'quay.io'"
                    + LOGIN_FIX,
                "foreign-registry.yml: job 'registries' step 'Registry from the script': logs in to registry"
                    + " 'registry.gitlab.com'"
                    + LOGIN_FIX,
                "foreign-registry.yml: job 'registries' step 'Buildx push': pushes to registry 'docker.io'"
                    + " (docker.io/acme/api:1)"
                    + PUSH_FIX)),
        Arguments.of(
            "bad/pull-request-deploy.yml",
            List.of(
                "pull-request-deploy.yml: job 'unguarded' step 'Deploy': runs the deploy script"
                    + " deploy-pytoya.sh on pull_request events"
                    + PR_FIX,
                "pull-request-deploy.yml: job 'wrong-event' step '#1': runs deploy-signal:signal"
                    + " on pull_request events"
                    + PR_FIX,
                "pull-request-deploy.yml: job 'or-guard' step 'Signal': runs deploy-signal:signal"
                    + " on pull_request events"
                    + PR_FIX,
                "pull-request-deploy.yml: job 'unknown-guard' step 'Script via bash': runs the deploy script"
                    + " deploy-pytoya.sh on pull_request events"
                    + PR_FIX,
                "pull-request-deploy.yml: job 'always-after-guard' step 'Signal': runs deploy-signal:signal"
                    + " on pull_request events"
                    + PR_FIX)),
        Arguments.of(
            "bad/pull-request-target.yml",
            List.of(
                "pull-request-target.yml: job 'main-only' step 'Deploy': runs the deploy script"
                    + " deploy-pytoya.sh on pull_request_target events \u2014 guard the job with"
                    + " \"if: github.event_name != 'pull_request_target'\" or drop the pull_request_target"
                    + " trigger",
                "pull-request-target.yml: job 'open' step 'Signal': runs deploy-signal:signal on pull_request"
                    + " and pull_request_target events \u2014 guard the job with \"if: github.event_name !="
                    + " 'pull_request' && github.event_name != 'pull_request_target'\" or drop those triggers")),
        Arguments.of(
            "bad/packages-permission.yml",
            List.of(
                "packages-permission.yml: job 'publish' step 'Publish': runs 'mvn deploy' without"
                    + " 'packages: write' permission"
                    + PACKAGES_FIX,
                "packages-permission.yml: job 'chart' step '#1': runs helm-oci:push without"
                    + " 'packages: write' permission"
                    + PACKAGES_FIX,
                "packages-permission.yml: job 'images' step 'Images': runs ghcr-publish:push without"
                    + " 'packages: write' permission"
                    + PACKAGES_FIX,
                "packages-permission.yml: job 'promote' step 'Promote': runs ghcr-publish:promote without"
                    + " 'packages: write' permission"
                    + PACKAGES_FIX,
                "packages-permission.yml: job 'deploy' step 'Deploy': runs the deploy script deploy-pytoya.sh"
                    + " without 'packages: write' permission"
                    + PACKAGES_FIX)),
        Arguments.of(
            "bad/anchors.yml",
            List.of(
                "anchors.yml: job 'first' step 'Pin ghcr.io': writes /etc/hosts" + HOSTS_FIX,
                "anchors.yml: job 'second' step 'Pin ghcr.io': writes /etc/hosts" + HOSTS_FIX)));
  }

  @ParameterizedTest
  @MethodSource("violations")
  void everyViolationIsListedWithFileJobStepAndFix(String fixture, List<String> expected)
      throws IOException {
    assertEquals(expected, check(fixture));
  }

  private static List<String> check(String fixture) throws IOException {
    String name = fixture.substring(fixture.lastIndexOf('/') + 1);
    Workflow workflow = new WorkflowReader().read(name, resource("/workflows/" + fixture));
    return new WorkflowPolicy().check(workflow).stream().map(Violation::toString).toList();
  }

  static String resource(String path) throws IOException {
    try (InputStream in = WorkflowPolicyTest.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IOException("missing test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
