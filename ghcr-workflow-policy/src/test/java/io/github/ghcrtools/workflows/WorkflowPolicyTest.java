package io.github.ghcrtools.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
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
  private static final String RUNNER_FIX =
      " \u2014 run the job with \"runs-on: self-hosted\" (plus the deploy runner's labels);"
          + " only that runner holds the deploy script";
  private static final String IMAGE_FIX =
      " \u2014 use images from ghcr.io/<owner>/... only (copy the image there first)";
  private static final String RUN_TIME_FIX =
      " \u2014 write the reference as ghcr.io/<owner>/... (or set the variable in env:)";

  private static final String SIGNING_DEPLOY_FIX =
      " \u2014 grant id-token: write only in the publishing job, a GitHub-hosted job apart from"
          + " the deploy; give job '%s' \"permissions: {}\"";

  private static String tokenFix(String job) {
    return " \u2014 give job '"
        + job
        + "' \"permissions: {}\" (or \"permissions: { contents: read }\") and publish with"
        + " packages: write in a separate GitHub-hosted job; the deploy runner never holds the"
        + " publish token";
  }

  private static String envFix(String variable, String expression) {
    return " \u2014 pass it through env: (\"env: { "
        + variable
        + ": "
        + expression
        + " }\") and write \"$"
        + variable
        + "\" in the script";
  }

  private static String pinFix(String action, String ref) {
    return " \u2014 pin the full commit SHA: " + action + "@<40-hex commit> # " + ref;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "good/publish-on-tags.yml",
        "good/deploy-self-hosted.yml",
        "good/needs-guard.yaml"
      })
  void compliantWorkflowsPass(String fixture) throws IOException {
    assertEquals(List.of(), check(fixture));
    assertEquals(List.of(), warnings(fixture));
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
                "packages-permission.yml: job 'images' step 'Images': runs ghcr:push without"
                    + " 'packages: write' permission"
                    + PACKAGES_FIX,
                "packages-permission.yml: job 'promote' step 'Promote': runs ghcr:promote without"
                    + " 'packages: write' permission"
                    + PACKAGES_FIX)),
        Arguments.of(
            "bad/deploy-token.yml",
            List.of(
                "deploy-token.yml: job 'inherited' step 'Deploy': runs the deploy script deploy-pytoya.sh"
                    + " with 'packages: write' permission inherited from the workflow's permissions:"
                    + tokenFix("inherited"),
                "deploy-token.yml: job 'own' step 'Signal': runs deploy-signal:signal with"
                    + " 'packages: write' permission"
                    + tokenFix("own"),
                "deploy-token.yml: job 'write-all' step '#1': runs the deploy script deploy-pytoya.sh"
                    + " with 'packages: write' permission"
                    + tokenFix("write-all"),
                "deploy-token.yml: job 'write-all' step '#1': runs the deploy script deploy-pytoya.sh"
                    + " with 'id-token: write' and 'attestations: write' permission"
                    + SIGNING_DEPLOY_FIX.formatted("write-all"),
                "deploy-token.yml: job 'publish-and-signal' step 'Publish and signal': runs"
                    + " deploy-signal:signal with 'packages: write' permission"
                    + tokenFix("publish-and-signal"),
                "deploy-token.yml: job 'publish-and-signal-read-only' step 'Publish and signal': runs"
                    + " 'mvn deploy' without 'packages: write' permission \u2014 publish from a separate"
                    + " GitHub-hosted job with \"permissions: { contents: read, packages: write }\";"
                    + " this job deploys and must not hold packages: write")),
        Arguments.of(
            "bad/signing-permissions.yml",
            List.of(
                "signing-permissions.yml: job 'inherited': inherits 'id-token: write' from the"
                    + " workflow's permissions:, as every job without its own permissions: does"
                    + " \u2014 grant id-token: write only in the publishing job: remove it from the"
                    + " workflow's permissions: and add \"id-token: write\" and \"attestations:"
                    + " write\" to the permissions: of the job that runs mvn deploy",
                "signing-permissions.yml: job 'deploy' step 'Deploy': runs the deploy script"
                    + " deploy-pytoya.sh with 'id-token: write' permission"
                    + SIGNING_DEPLOY_FIX.formatted("deploy"),
                "signing-permissions.yml: job 'github-release': holds 'attestations: write' but"
                    + " pushes no image or chart (no mvn deploy, ghcr:push or helm-oci:push)"
                    + " \u2014 grant id-token: write only in the publishing job: remove it from the"
                    + " permissions: of job 'github-release'",
                "signing-permissions.yml: job 'pull-request' step 'Build and publish': runs 'mvn"
                    + " deploy' with 'id-token: write' and 'attestations: write' permission on"
                    + " pull_request events \u2014 grant id-token: write only in the publishing"
                    + " job, and never for pull requests: guard the job with \"if:"
                    + " github.event_name != 'pull_request'\" or drop the pull_request trigger,"
                    + " and build pull requests in a job without it")),
        Arguments.of(
            "bad/deploy-default-token.yml",
            List.of(
                "deploy-default-token.yml: job 'deploy' step 'Signal': runs deploy-signal:signal with"
                    + " the repository's default token permissions (no permissions: in the job or the"
                    + " workflow), which can include 'packages: write'"
                    + tokenFix("deploy"))),
        Arguments.of(
            "bad/deploy-job-shape.yml",
            List.of(
                "deploy-job-shape.yml: job 'hosted' step 'Signal': runs deploy-signal:signal on runner"
                    + " 'ubuntu-latest', not a self-hosted runner"
                    + RUNNER_FIX,
                "deploy-job-shape.yml: job 'matrix-runner' step '#1': runs the deploy script"
                    + " deploy-pytoya.sh on runner '${{ matrix.runner }}', not a self-hosted runner"
                    + RUNNER_FIX,
                "deploy-job-shape.yml: job 'labels' step 'Deploy': runs the deploy script"
                    + " deploy-pytoya.sh on runner [linux, x64], not a self-hosted runner"
                    + RUNNER_FIX,
                "deploy-job-shape.yml: job 'step-guard-only' step 'Deploy': runs the deploy script"
                    + " deploy-pytoya.sh on pull_request events"
                    + PR_FIX)),
        Arguments.of(
            "bad/expression-injection.yml",
            List.of(
                "expression-injection.yml: job 'build' step 'Title': expands"
                    + " ${{ github.event.pull_request.title }} in its run: script (line 14)"
                    + envFix("TITLE", "${{ github.event.pull_request.title }}"),
                "expression-injection.yml: job 'build' step 'Branch': expands ${{ github.head_ref }}"
                    + " in its run: script (line 18)"
                    + envFix("HEAD_REF", "${{ github.head_ref }}"),
                "expression-injection.yml: job 'build' step 'Step output': expands"
                    + " ${{ steps.images.outputs.json }} in its run: script (line 20)"
                    + envFix("JSON", "${{ steps.images.outputs.json }}"),
                "expression-injection.yml: job 'build' step 'Payload': expands"
                    + " ${{ toJSON(github.event) }} in its run: script (line 24)"
                    + envFix("EVENT", "${{ toJSON(github.event) }}"),
                "expression-injection.yml: job 'build' step 'Payload': expands"
                    + " ${{ github.event['head_commit'].message }} in its run: script (line 26)"
                    + envFix("MESSAGE", "${{ github.event['head_commit'].message }}"),
                "expression-injection.yml: job 'build' step 'Input': expands"
                    + " ${{ inputs.version }} in its run: script (line 28)"
                    + envFix("VERSION", "${{ inputs.version }}"),
                "expression-injection.yml: job 'deploy' step 'Deploy': expands"
                    + " ${{ needs.build.outputs.images }} in its run: script (line 44)"
                    + envFix("IMAGES", "${{ needs.build.outputs.images }}"))),
        Arguments.of(
            "bad/foreign-images.yml",
            List.of(
                "foreign-images.yml: job 'images': job container image 'node:20' is on registry"
                    + " 'docker.io'"
                    + IMAGE_FIX,
                "foreign-images.yml: job 'images': service 'db' image 'postgres:16' is on registry"
                    + " 'docker.io'"
                    + IMAGE_FIX,
                "foreign-images.yml: job 'images': service 'mirror' image '${{vars.MIRROR}}/nginx:1'"
                    + " names a registry only known at run time"
                    + RUN_TIME_FIX,
                "foreign-images.yml: job 'images' step 'Metadata': docker/metadata-action image"
                    + " 'acme/api' is on registry 'docker.io'"
                    + IMAGE_FIX,
                "foreign-images.yml: job 'images' step 'Metadata': docker/metadata-action image"
                    + " 'quay.io/acme/api' is on registry 'quay.io'"
                    + IMAGE_FIX,
                "foreign-images.yml: job 'images' step 'Extra tags': docker/build-push-action tag"
                    + " 'docker.io/acme/api:edge' is on registry 'docker.io'"
                    + IMAGE_FIX,
                "foreign-images.yml: job 'images' step 'Tags from env': docker/build-push-action tag"
                    + " 'quay.io/acme/api:1' is on registry 'quay.io'"
                    + IMAGE_FIX,
                "foreign-images.yml: job 'images' step 'Tags from env': docker/build-push-action tag"
                    + " '${{steps.other.outputs.tag}}' names a registry only known at run time"
                    + RUN_TIME_FIX,
                "foreign-images.yml: job 'images' step 'Step image': step image"
                    + " 'docker://alpine:3.20' is on registry 'docker.io'"
                    + IMAGE_FIX)),
        Arguments.of(
            "bad/unpinned-actions.yml",
            List.of(
                "unpinned-actions.yml: job 'build' step 'Login': uses docker/login-action@v3, a tag or"
                    + " branch that can be moved"
                    + pinFix("docker/login-action", "v3"),
                "unpinned-actions.yml: job 'build' step 'Short SHA': uses"
                    + " docker/setup-buildx-action@e468171, a tag or branch that can be moved"
                    + pinFix("docker/setup-buildx-action", "e468171"),
                "unpinned-actions.yml: job 'build' step 'No ref': uses acme/tool without a ref"
                    + " \u2014 pin the full commit SHA: acme/tool@<40-hex commit>",
                "unpinned-actions.yml: job 'build' step 'Subdirectory action': uses"
                    + " github/codeql-action/init@v3, a tag or branch that can be moved"
                    + pinFix("github/codeql-action/init", "v3"),
                "unpinned-actions.yml: job 'reusable': uses"
                    + " acme/workflows/.github/workflows/deploy.yml@main, a tag or branch that can be"
                    + " moved"
                    + pinFix("acme/workflows/.github/workflows/deploy.yml", "main"))),
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

  @Test
  void firstPartyActionsOnATagAreWarningsOnly() throws IOException {
    assertEquals(
        List.of(
            "unpinned-actions.yml: job 'build' step '#1': uses actions/checkout@v4, a tag or branch"
                + " that can be moved"
                + pinFix("actions/checkout", "v4"),
            "unpinned-actions.yml: job 'build' step '#2': uses actions/setup-java@main, a tag or"
                + " branch that can be moved"
                + pinFix("actions/setup-java", "main")),
        warnings("bad/unpinned-actions.yml"));
    assertTrue(
        check("bad/unpinned-actions.yml").stream().noneMatch(v -> v.contains("actions/checkout")));
  }

  @Test
  void aPublishingJobWithoutIdTokenIsOnlyAWarning() throws IOException {
    assertEquals(
        List.of(
            "signing-permissions.yml: job 'unsigned' step 'Publish unsigned': runs 'mvn deploy'"
                + " without 'id-token: write' permission, so what it pushes cannot be signed"
                + " (sign=auto publishes it unsigned) \u2014 add \"id-token: write\" and"
                + " \"attestations: write\" to the job's permissions:",
            "signing-permissions.yml: job 'unsigned-on-pull-requests' step '#1': runs ghcr:push"
                + " without 'id-token: write' permission, so what it pushes cannot be signed"
                + " (sign=auto publishes it unsigned) \u2014 publish from a job that never runs for"
                + " pull requests (guard the job with \"if: github.event_name != 'pull_request'\""
                + " or drop the pull_request trigger) and add \"id-token: write\" and"
                + " \"attestations: write\" to its permissions:"),
        warnings("bad/signing-permissions.yml"));
  }

  @Test
  void expressionInjectionNamesTheStepWhenTheLineIsUnknown() {
    Step step =
        new Step(
            0,
            null,
            "Echo",
            null,
            "echo ${{ github.head_ref }}",
            0,
            null,
            java.util.Map.of(),
            java.util.Map.of());
    Job job =
        new Job(
            "build",
            null,
            List.of(),
            List.of("ubuntu-latest"),
            Permissions.UNDECLARED,
            java.util.Map.of(),
            null,
            java.util.Map.of(),
            null,
            List.of(step));
    Workflow workflow =
        new Workflow(
            "w.yml",
            java.util.Set.of("push"),
            Permissions.UNDECLARED,
            java.util.Map.of(),
            List.of(job),
            List.of());
    assertEquals(
        List.of(
            "w.yml: job 'build' step 'Echo': expands ${{ github.head_ref }} in its run: script"
                + envFix("HEAD_REF", "${{ github.head_ref }}")),
        new WorkflowPolicy().check(workflow).stream().map(Violation::toString).toList());
  }

  private static Workflow read(String fixture) throws IOException {
    String name = fixture.substring(fixture.lastIndexOf('/') + 1);
    return new WorkflowReader().read(name, resource("/workflows/" + fixture));
  }

  private static List<String> check(String fixture) throws IOException {
    return new WorkflowPolicy().check(read(fixture)).stream().map(Violation::toString).toList();
  }

  private static List<String> warnings(String fixture) throws IOException {
    return new WorkflowPolicy().warnings(read(fixture)).stream().map(Violation::toString).toList();
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
