package io.github.ghcrtools.it.reliability;

import static io.github.ghcrtools.it.reliability.BadInputCase.Sample.CHART;
import static io.github.ghcrtools.it.reliability.BadInputCase.Sample.IMAGE;
import static io.github.ghcrtools.it.reliability.BadInputCase.Sample.SIGNAL;
import static io.github.ghcrtools.it.reliability.BadInputCase.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.it.maven.GitHubEnv;
import io.github.ghcrtools.it.maven.ItEnvironment;
import io.github.ghcrtools.it.maven.MavenResult;
import io.github.ghcrtools.it.maven.MavenRun;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import io.github.ghcrtools.it.standin.RegistryRequest;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The table of {@link BadInputIT}: every case breaks one thing a user could get wrong, on a build
 * that would otherwise publish (a trusted tag push with valid credentials).
 */
final class BadInputCases {

  /** Published by the image cases' sample: {@code ghcr.io/acme/bad-input/app}. */
  static final String IMAGE_PATH = "bad-input/app";

  /** Owner of the chart cases' chart: {@code ghcr.io/acme-bad/charts/pytoya}. */
  static final String CHART_OWNER = "acme-bad";

  static final String PASSWORD_IN_REFERENCE = "hunter2-in-a-reference";
  static final String WRONG_TOKEN = "ghp_wrongTokenForTheBadInputCases0123456789";
  private static final String DIGEST_A = "sha256:" + "a".repeat(64);
  private static final String DIGEST_B = "sha256:" + "b".repeat(64);
  private static final String DIGEST_C = "sha256:" + "c".repeat(64);
  private static final String NEVER_PUSHED = "sha256:" + "0".repeat(64);
  private static final ObjectMapper JSON = new ObjectMapper();

  private BadInputCases() {}

  /** The three shared sample copies, and the seeding of the registry. */
  record Samples(SampleSandbox image, SampleSandbox chart, SampleSandbox signal) {

    static Samples create() {
      return new Samples(
          SampleSandbox.of("image-app"),
          SampleSandbox.of("chart-sample"),
          SampleSandbox.of("chart-sample"));
    }

    SampleSandbox of(BadInputCase.Sample sample) {
      return switch (sample) {
        case IMAGE -> image;
        case CHART -> chart;
        case SIGNAL -> signal;
      };
    }

    /**
     * Publishes the image and the chart once, so every case runs against a registry with content.
     */
    void seed(GhcrStandIn standIn) {
      for (MavenRun run :
          List.of(
              new Context(standIn, image).imagePush(env -> {}),
              new Context(standIn, chart).chartPush(env -> {}))) {
        MavenResult result = run.run();
        assertTrue(result.succeeded(), "seeding the registry: " + result.describe());
      }
      image.reset();
      chart.reset();
    }
  }

  /** What a case builds its run from: the stand-in, its sample copy, and the usual runs on it. */
  record Context(GhcrStandIn standIn, SampleSandbox sandbox) {

    /** A trusted tag push with the stand-in's credentials, as the runner would set it; editable. */
    Map<String, String> trustedEnv(String gitTag) {
      Map<String, String> env = new LinkedHashMap<>(GitHubEnv.tagPush(sandbox.project(), gitTag));
      env.putAll(GitHubEnv.credentials(standIn.username(), standIn.password()));
      // the JVM's user.home is the copy's own, but Docker and Helm look at these too
      env.put("DOCKER_CONFIG", sandbox.resolve("no-docker-config").toString());
      env.put("HELM_REGISTRY_CONFIG", sandbox.resolve("no-helm-config.json").toString());
      return env;
    }

    MavenRun maven(String goal, Map<String, String> env) {
      return MavenRun.of(sandbox.project())
          .goals(goal)
          .env(env)
          // a short build: the JIT's first tier is enough and starts faster
          .mavenOpts(standIn.mavenOpts() + " -XX:TieredStopAtLevel=1");
    }

    MavenRun imagePush(Consumer<Map<String, String>> envEdit) {
      return imageGoal("deploy", envEdit);
    }

    MavenRun imageGoal(String goal, Consumer<Map<String, String>> envEdit) {
      Map<String, String> env = trustedEnv("v1.2.3");
      envEdit.accept(env);
      return maven(goal, env).property("ghcr.image", IMAGE_PATH);
    }

    MavenRun chartPush(Consumer<Map<String, String>> envEdit) {
      return chartGoal("deploy", envEdit);
    }

    MavenRun chartGoal(String goal, Consumer<Map<String, String>> envEdit) {
      Map<String, String> env = trustedEnv("v0.1.0");
      envEdit.accept(env);
      return maven(goal, env).property("helm-oci.owner", CHART_OWNER);
    }

    /**
     * deploy-signal:signal as the deploy job runs it: the records of another job, the runner's
     * script.
     */
    MavenRun signal(Consumer<Map<String, String>> envEdit) {
      Map<String, String> env = trustedEnv("v1.0.0");
      envEdit.accept(env);
      if (!java.nio.file.Files.exists(sandbox.resolve("scripts/deploy.sh"))) {
        sandbox.script(
            "scripts/deploy.sh", "#!/bin/sh\necho \"deploy script called with $# arguments\"\n");
      }
      return maven(pluginGoal("deploy-signal", "signal"), env)
          .property("deploy-signal.records", sandbox.resolve("records").toString())
          .property("deploy-signal.script", sandbox.resolve("scripts/deploy.sh").toString());
    }

    /** A good set of records (api, web, the chart; one commit), to break one thing in. */
    Context goodRecords() {
      record(
          "records/image-api.json",
          imageRecord("api", "ghcr.io/acme/pytoya/api", DIGEST_A, GitHubEnv.SHA));
      record(
          "records/image-web.json",
          imageRecord("web", "ghcr.io/acme/pytoya/web", DIGEST_B, GitHubEnv.SHA));
      record(
          "records/chart-pytoya.json",
          chartRecord("pytoya", "ghcr.io/acme/charts/pytoya", DIGEST_C, GitHubEnv.SHA));
      return this;
    }

    Context record(String relative, Map<String, Object> record) {
      try {
        sandbox.write(relative, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(record));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      return this;
    }

    /** deploy-signal:verify-workflows on a project whose only workflow is {@code yaml}. */
    MavenRun workflow(String yaml) {
      sandbox.write(".github/workflows/ci.yml", yaml);
      return maven(pluginGoal("deploy-signal", "verify-workflows"), trustedEnv("v1.0.0"));
    }
  }

  static String pluginGoal(String plugin, String goal) {
    return "io.github.ghcrtools:"
        + plugin
        + "-maven-plugin:"
        + ItEnvironment.projectVersion()
        + ":"
        + goal;
  }

  static Map<String, Object> imageRecord(
      String name, String repository, String digest, String revision) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("schema", 1);
    record.put("kind", "image");
    record.put("name", name);
    record.put("repository", repository);
    record.put("digest", digest);
    record.put("tags", List.of("1.0.0", "1.0", "1", "latest"));
    record.put("version", "1.0.0");
    record.put("revision", revision);
    record.put("created", "2026-01-01T00:00:00Z");
    // as a real push writes it: its SBOM attached, unsigned (a record listing no referrers at all,
    // a promotion's, makes the signal look its signatures up on ghcr.io)
    record.put(
        "referrers",
        List.of(Map.of("artifactType", "application/vnd.cyclonedx+json", "digest", digest)));
    return record;
  }

  static Map<String, Object> chartRecord(
      String name, String repository, String digest, String revision) {
    Map<String, Object> record = imageRecord(name, repository, digest, revision);
    record.put("kind", "chart");
    record.put("tags", List.of("0.1.0"));
    record.put("version", "0.1.0");
    return record;
  }

  static Map<String, Object> with(Map<String, Object> record, String field, Object value) {
    Map<String, Object> changed = new LinkedHashMap<>(record);
    if (value == null) {
      changed.remove(field);
    } else {
      changed.put(field, value);
    }
    return changed;
  }

  static Stream<BadInputCase> all() {
    return Stream.of(images(), promotions(), charts(), signals(), workflows()).flatMap(s -> s);
  }

  private static Stream<BadInputCase> images() {
    return Stream.of(
        refused(
            "image on another registry",
            IMAGE,
            c -> c.imagePush(env -> {}).property("ghcr.image", "quay.io/acme/app"),
            "registry 'quay.io' is refused, only ghcr.io is allowed",
            "write 'ghcr.io/acme/app'"),
        refused(
            "image over plain http",
            IMAGE,
            c -> c.imagePush(env -> {}).property("ghcr.image", "http://ghcr.io/acme/app"),
            "plain http is refused",
            "write 'ghcr.io/acme/app'"),
        refused(
            "image with a port",
            IMAGE,
            c -> c.imagePush(env -> {}).property("ghcr.image", "ghcr.io:8443/acme/app"),
            "port '8443' is refused",
            "write 'ghcr.io/acme/app'"),
        refused(
                "image with a password in the reference",
                IMAGE,
                c ->
                    c.imagePush(env -> {})
                        .property(
                            "ghcr.image",
                            "https://octo:" + PASSWORD_IN_REFERENCE + "@ghcr.io/acme/app"),
                "user-info before the host is refused",
                "use the settings.xml server 'ghcr.io' or env GHCR_TOKEN")
            .without(PASSWORD_IN_REFERENCE),
        refused(
            "image with a tag",
            IMAGE,
            c -> c.imagePush(env -> {}).property("ghcr.image", "ghcr.io/acme/app:1.0"),
            "must not carry a tag or digest",
            "write <image>ghcr.io/acme/app</image> and list tags in <tags>"),
        refused(
            "image path in uppercase",
            IMAGE,
            c -> c.imagePush(env -> {}).property("ghcr.image", "Bad-Input/App"),
            "has uppercase letters",
            "GHCR requires lowercase: write"),
        refused(
            "image owner differs from owner",
            IMAGE,
            c ->
                c.imagePush(env -> {})
                    .property("ghcr.image", "ghcr.io/other/app")
                    .property("ghcr.owner", "acme"),
            "Parameter 'owner' is 'acme' but 'image' names owner 'other'",
            "drop <owner>"),
        refused(
            "no owner known",
            IMAGE,
            c -> c.imagePush(env -> env.remove("GITHUB_REPOSITORY_OWNER")),
            "no owner is known",
            "set the 'owner' parameter or env GHCR_OWNER"),
        refused(
            "owner from the environment invalid",
            IMAGE,
            c -> c.imagePush(env -> env.put("GHCR_OWNER", "acme corp")),
            "Env GHCR_OWNER",
            "'acme corp' is invalid"),
        refused(
            "logical name with a space",
            IMAGE,
            c -> c.imagePush(env -> {}).property("ghcr.name", "api v2"),
            "Parameter 'name' is 'api v2'",
            "set <name>, e.g. <name>api</name>"),
        refused(
            "tag starting with a dash",
            IMAGE,
            c -> c.imagePush(env -> {}).property("ghcr.tags", "-rc1"),
            "tag '-rc1' is invalid",
            "not starting with '.' or '-'"),
        refused(
            "tag with a plus",
            IMAGE,
            c -> c.imagePush(env -> {}).property("ghcr.tags", "1.2.3+build.7"),
            "'+' is not allowed in OCI tags",
            "write '1.2.3_build.7'"),
        refused(
            "a platform listed twice",
            IMAGE,
            c -> c.imagePush(env -> {}).property("ghcr.platforms", "linux/amd64,linux/amd64"),
            "Parameter 'platforms' lists a platform twice",
            "list each once"),
        refused(
            "a platform without its architecture",
            IMAGE,
            c -> c.imagePush(env -> {}).property("ghcr.platforms", "linux"),
            "Parameter 'platforms' has 'linux'",
            "write os/architecture[/variant] in lowercase"),
        refused(
            "credentials over http (Jib's property)",
            IMAGE,
            c -> c.imagePush(env -> {}).property("sendCredentialsOverHttp", "true"),
            "Property 'sendCredentialsOverHttp' is set to 'true'"),
        refused(
            "credentials over http (the parameter)",
            IMAGE,
            c -> c.imagePush(env -> {}).property("ghcr.sendCredentialsOverHttp", "true"),
            "Parameter 'sendCredentialsOverHttp' is true",
            "remove it or set it to false"),
        refused(
            "base image over plain http",
            IMAGE,
            c -> c.imagePush(env -> {}).property("ghcr.baseImage", "http://ghcr.io/acme/jre:17"),
            "Parameter 'baseImage' ('http://ghcr.io/acme/jre:17'): plain http is refused",
            "write 'ghcr.io/acme/jre:17'"),
        refused(
            "registries.conf marks ghcr.io insecure",
            IMAGE,
            c ->
                c.imagePush(
                    env -> env.put("CONTAINERS_REGISTRIES_CONF", insecureRegistriesConf(c))),
            "insecure-registries.conf",
            "ghcr.io"),
        refused(
            "version tag differs from the project version",
            IMAGE,
            c -> c.imagePush(env -> env.put("GITHUB_REF_NAME", "v9.9.9")),
            "The tag push v9.9.9 does not match the project version",
            "tag the commit v"),
        refused(
            "output timestamp unreadable",
            IMAGE,
            c -> c.imagePush(env -> {}).property("ghcr.outputTimestamp", "yesterday"),
            "outputTimestamp",
            "yesterday"),
        refused(
            "negative retry budget",
            IMAGE,
            c -> c.imagePush(env -> {}).property("ghcr.retry.maxTotalWait", "-1"),
            "Parameter 'retryMaxTotalWait' (-Dghcr.retry.maxTotalWait) is -1",
            "0 or more"),
        refused(
            "negative retry budget, package only",
            IMAGE,
            c -> c.imageGoal("package", env -> {}).property("ghcr.retry.maxTotalWait", "-1"),
            "Parameter 'retryMaxTotalWait' (-Dghcr.retry.maxTotalWait) is -1",
            "0 or more"),
        refused(
            "token without a user name",
            IMAGE,
            c ->
                c.imagePush(
                    env -> {
                      env.remove("GHCR_USERNAME");
                      env.remove("GITHUB_ACTOR");
                    }),
            "Env GHCR_TOKEN is set but no user name is known",
            "GHCR_USERNAME"),
        refused(
            "settings.xml password that cannot be decrypted",
            IMAGE,
            c ->
                c.imagePush(env -> env.remove("GHCR_TOKEN"))
                    .arg("--global-settings")
                    .arg(encryptedSettings(c)),
            "Cannot decrypt the password of settings.xml server 'ghcr.io'",
            "settings-security.xml"),
        refused(
            "settings.xml server without a password",
            IMAGE,
            c -> c.imagePush(env -> {}).arg("--global-settings").arg(halfFilledSettings(c)),
            "settings.xml server 'ghcr.io' needs both <username>",
            "remove it to use env GHCR_TOKEN"));
  }

  private static Stream<BadInputCase> promotions() {
    return Stream.of(
        refused(
            "promote without a channel",
            IMAGE,
            c -> c.imageGoal("ghcr:promote", env -> {}).property("ghcr.digest", DIGEST_A),
            "Parameter 'channel' is not set",
            "-Dghcr.channel=prod"),
        refused(
            "promote onto a release tag",
            IMAGE,
            c ->
                c.imageGoal("ghcr:promote", env -> {})
                    .property("ghcr.channel", "1.2.3")
                    .property("ghcr.digest", DIGEST_A),
            "Parameter 'channel' is '1.2.3'",
            "a name such as dev, staging or prod, starting with a letter"),
        refused(
            "promote a malformed digest",
            IMAGE,
            c ->
                c.imageGoal("ghcr:promote", env -> {})
                    .property("ghcr.channel", "prod")
                    .property("ghcr.digest", "sha256:abc"),
            "digest 'sha256:abc' is invalid",
            "use 'sha256:' followed by 64 lowercase hex characters"),
        refused(
            "promote with no digest and no record",
            IMAGE,
            c -> c.imageGoal("ghcr:promote", env -> {}).property("ghcr.channel", "prod"),
            "Nothing names the image to promote",
            "-Dghcr.promote.version=<released version>"),
        refused(
                "promote a version never released",
                IMAGE,
                c ->
                    c.imageGoal("ghcr:promote", env -> {})
                        .property("ghcr.channel", "prod")
                        .property("ghcr.promote.version", "9.9.9"),
                "ghcr.io/acme/bad-input/app has no tag 9.9.9",
                "check -Dghcr.promote.version")
            .oneAttempt(lookedUpOnce("9.9.9")),
        refused(
                "promote a digest never pushed",
                IMAGE,
                c ->
                    c.imageGoal("ghcr:promote", env -> {})
                        .property("ghcr.channel", "prod")
                        .property("ghcr.digest", NEVER_PUSHED),
                "does not exist in ghcr.io/acme/bad-input/app",
                "promote only what was pushed")
            .oneAttempt(lookedUpOnce(NEVER_PUSHED)));
  }

  /** One look at the manifest {@code reference}, answered 404 and never retried. */
  private static Consumer<List<RegistryRequest>> lookedUpOnce(String reference) {
    return requests -> {
      List<RegistryRequest> lookups =
          requests.stream()
              .filter(r -> r.pathWithoutQuery().endsWith("/manifests/" + reference))
              .toList();
      assertEquals(1, lookups.size(), reference + " is looked up once, never retried: " + requests);
      assertEquals(404, lookups.get(0).status(), lookups.toString());
    };
  }

  private static Stream<BadInputCase> charts() {
    return Stream.of(
        refused(
            "Chart.yaml apiVersion v3",
            CHART,
            chartEdited("apiVersion: v2", "apiVersion: v3"),
            "field 'apiVersion' is 'v3'",
            "Helm 3 charts use apiVersion: v2"),
        refused(
            "Chart.yaml without version",
            CHART,
            chartEdited("version: 0.1.0\n", ""),
            "field 'version' is missing",
            "set a SemVer 2 version such as version: 0.1.0"),
        refused(
            "Chart.yaml name in uppercase",
            CHART,
            chartEdited("name: pytoya", "name: Pytoya"),
            "field 'name' is 'Pytoya', not a valid chart name",
            "use lowercase"),
        refused(
            "Chart.yaml type unknown",
            CHART,
            chartEdited("type: application", "type: plugin"),
            "field 'type' is 'plugin'",
            "use application or library"),
        refused(
            "chart without templates",
            CHART,
            c -> {
              c.sandbox()
                  .delete("src/main/helm/pytoya/templates/configmap.yaml")
                  .delete("src/main/helm/pytoya/templates/deployment.yaml");
              return c.chartPush(env -> {});
            },
            "templates/ holds no file",
            "add the chart's templates under"),
        refused(
            "chart directory missing",
            CHART,
            c -> c.chartPush(env -> {}).property("helm-oci.chartName", "nothere"),
            "does not exist",
            "(-Dhelm-oci.chartDirectory)"),
        refused(
            "chart version parameter not SemVer",
            CHART,
            c -> c.chartPush(env -> {}).property("helm-oci.version", "1.0"),
            "Parameter 'version' (-Dhelm-oci.version) is '1.0', not a strict SemVer 2 version"),
        refused(
            "charts prefix in uppercase",
            CHART,
            c -> c.chartPush(env -> {}).property("helm-oci.chartsPrefix", "Charts"),
            "Parameter 'chartsPrefix'",
            "GHCR requires lowercase: write"),
        refused(
            "chart owner in uppercase",
            CHART,
            c -> c.chartPush(env -> {}).property("helm-oci.owner", "ACME"),
            "Parameter 'owner'",
            "write 'acme'"),
        refused(
            "chart push with Jib's insecure switch",
            CHART,
            c -> c.chartPush(env -> {}).property("jib.allowInsecureRegistries", "true"),
            "Property 'jib.allowInsecureRegistries' is set to 'true'",
            "insecure registry access is refused"),
        refused(
            "chart output timestamp unreadable",
            CHART,
            c -> c.chartPush(env -> {}).property("helm-oci.outputTimestamp", "soon"),
            "outputTimestamp",
            "soon"),
        refused(
            "chart negative retry budget",
            CHART,
            c -> c.chartPush(env -> {}).property("helm-oci.retry.maxTotalWait", "-5"),
            "Parameter 'retryMaxTotalWait' (-Dhelm-oci.retry.maxTotalWait) is -5",
            "0 or more"),
        refused(
            "chart push without credentials",
            CHART,
            c ->
                c.chartPush(
                    env -> {
                      env.remove("GHCR_TOKEN");
                      env.remove("GHCR_USERNAME");
                    }),
            "No credentials for ghcr.io",
            "GHCR_TOKEN",
            "packages: write"),
        refused(
            "chart push before package",
            CHART,
            c -> c.chartGoal(pluginGoal("helm-oci", "push"), env -> {}),
            "helm-oci:package"),
        refused(
                "chart push with a wrong token",
                CHART,
                c -> c.chartPush(env -> env.put("GHCR_TOKEN", WRONG_TOKEN)),
                "ghcr.io refused the credentials of user",
                "at its token service (HTTP 401",
                "write:packages")
            .without(WRONG_TOKEN)
            .oneAttempt(
                requests ->
                    // ghcr.io's token service refuses the credentials: no token, so no registry
                    // request at all
                    assertTrue(
                        requests.isEmpty(),
                        "refused credentials still reached the registry: " + requests)));
  }

  private static Stream<BadInputCase> signals() {
    return Stream.of(
        refused(
            "signal without records",
            SIGNAL,
            c -> {
              c.sandbox().write("records/README.txt", "the records of the publish job go here\n");
              return c.signal(env -> {});
            },
            "No publish records found",
            "-Ddeploy-signal.records="),
        refused(
            "record of an unknown schema",
            SIGNAL,
            c ->
                c.goodRecords()
                    .record(
                        "records/image-api.json",
                        with(
                            imageRecord("api", "ghcr.io/acme/pytoya/api", DIGEST_A, GitHubEnv.SHA),
                            "schema",
                            2))
                    .signal(env -> {}),
            "image-api.json: unknown schema 2",
            "use a plugin version that matches the one that wrote it"),
        refused(
            "record of another registry",
            SIGNAL,
            c ->
                c.goodRecords()
                    .record(
                        "records/image-api.json",
                        imageRecord("api", "docker.io/acme/api", DIGEST_A, GitHubEnv.SHA))
                    .signal(env -> {}),
            "image-api.json",
            "field 'repository' value 'docker.io/acme/api'"),
        refused(
            "record with a short digest",
            SIGNAL,
            c ->
                c.goodRecords()
                    .record(
                        "records/image-web.json",
                        imageRecord("web", "ghcr.io/acme/pytoya/web", "sha256:123", GitHubEnv.SHA))
                    .signal(env -> {}),
            "image-web.json",
            "field 'digest' value 'sha256:123' is not 'sha256:' and 64 lowercase hex"),
        refused(
            "record that is not JSON",
            SIGNAL,
            c -> {
              c.goodRecords()
                  .sandbox()
                  .write("records/image-api.json", "{\"schema\": 1, \"kind\": \"image\",");
              return c.signal(env -> {});
            },
            "image-api.json: not valid JSON"),
        refused(
            "two charts and no choice",
            SIGNAL,
            c ->
                c.goodRecords()
                    .record(
                        "records/chart-other.json",
                        chartRecord("other", "ghcr.io/acme/charts/other", DIGEST_B, GitHubEnv.SHA))
                    .signal(env -> {}),
            "Several chart records found",
            "choose one with -Ddeploy-signal.chart=<name> (or env CHART_ID)"),
        refused(
            "chosen chart not among the records",
            SIGNAL,
            c -> c.goodRecords().signal(env -> {}).property("deploy-signal.chart", "other"),
            "No chart record named 'other' (deploy-signal.chart); charts found: [pytoya]"),
        refused(
            "records of two commits",
            SIGNAL,
            c ->
                c.goodRecords()
                    .record(
                        "records/image-web.json",
                        imageRecord("web", "ghcr.io/acme/pytoya/web", DIGEST_B, "f".repeat(40)))
                    .signal(env -> {}),
            "come from different commits",
            "deploy records of one build only"),
        refused(
            "signal timeout of zero",
            SIGNAL,
            c -> c.goodRecords().signal(env -> {}).property("deploy-signal.timeout", "0"),
            "Parameter 'timeout' (-Ddeploy-signal.timeout) is 0: give the seconds the deploy"
                + " script may run, 1 or more"),
        refused(
            "deploy script missing",
            SIGNAL,
            c ->
                c.goodRecords()
                    .signal(env -> {})
                    .property(
                        "deploy-signal.script",
                        c.sandbox().resolve("scripts/absent.sh").toString()),
            "does not exist: install it on the runner or set deploy-signal.script to its path"),
        refused(
            "deploy script not executable",
            SIGNAL,
            c -> {
              c.goodRecords().sandbox().write("scripts/plain.sh", "#!/bin/sh\nexit 0\n");
              return c.signal(env -> {})
                  .property(
                      "deploy-signal.script", c.sandbox().resolve("scripts/plain.sh").toString());
            },
            "is not executable: chmod +x it"),
        refused(
            "deploy script anyone may change",
            SIGNAL,
            c -> {
              Path script =
                  c.goodRecords().sandbox().script("scripts/open.sh", "#!/bin/sh\nexit 0\n");
              try {
                java.nio.file.Files.setPosixFilePermissions(
                    script, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
              return c.signal(env -> {}).property("deploy-signal.script", script.toString());
            },
            "is writable by others (mode 0777), so anyone could change what the deploy runs:"
                + " chmod go-w"),
        refused(
                "deploy script fails",
                SIGNAL,
                c -> {
                  c.goodRecords()
                      .sandbox()
                      .script(
                          "scripts/failing.sh",
                          "#!/bin/sh\necho 'helm: release failed' >&2\nexit 3\n");
                  return c.signal(env -> {})
                      .property(
                          "deploy-signal.script",
                          c.sandbox().resolve("scripts/failing.sh").toString());
                },
                "failing.sh failed with exit code 3")
            .callsScript(),
        refused(
                "deploy script hangs",
                SIGNAL,
                c -> {
                  c.goodRecords()
                      .sandbox()
                      .script("scripts/hanging.sh", "#!/bin/sh\nexec sleep 60\n");
                  return c.signal(env -> {})
                      .property(
                          "deploy-signal.script",
                          c.sandbox().resolve("scripts/hanging.sh").toString())
                      .property("deploy-signal.timeout", "1");
                },
                "did not finish within 1 s and was stopped",
                "raise deploy-signal.timeout or fix the script")
            .callsScript(),
        refused(
            "signal on a pull request, told to fail",
            SIGNAL,
            c ->
                c.goodRecords()
                    .signal(
                        env -> {
                          env.putAll(GitHubEnv.pullRequest(c.sandbox().project()));
                        })
                    .property("deploy-signal.failOnUntrusted", "true"),
            "Deploy signal refused",
            "pull_request"));
  }

  private static Stream<BadInputCase> workflows() {
    return Stream.of(
        refused(
            "workflow writes /etc/hosts",
            SIGNAL,
            c ->
                c.workflow(
                    """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - name: Pin ghcr.io
                        run: echo "10.0.0.5 ghcr.io" | sudo tee -a /etc/hosts
                """),
            "job 'build' step 'Pin ghcr.io': writes /etc/hosts",
            "leave the runner's host configuration alone",
            "1 workflow policy violation in .github/workflows"),
        refused(
            "workflow logs in to Docker Hub",
            SIGNAL,
            c ->
                c.workflow(
                    """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/login-action@v3
                        with:
                          username: octo
                          password: ${{ secrets.HUB_TOKEN }}
                """),
            "logs in to Docker Hub (no registry given)",
            "log in to ghcr.io only"),
        refused(
            "workflow pushes to quay.io",
            SIGNAL,
            c ->
                c.workflow(
                    """
                on: push
                permissions:
                  contents: read
                  packages: write
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - name: Push
                        run: docker push quay.io/acme/app:1.0
                """),
            "pushes to registry 'quay.io'",
            "push to ghcr.io/<owner>/... only"),
        refused(
            "workflow sends the signal on pull requests",
            SIGNAL,
            c ->
                c.workflow(
                    """
                on: [push, pull_request]
                permissions:
                  contents: read
                  packages: write
                jobs:
                  deploy:
                    runs-on: self-hosted
                    steps:
                      - name: Signal
                        run: mvn -B -N deploy-signal:signal
                """),
            "on pull_request events",
            "guard the job with \"if: github.event_name != 'pull_request'\""),
        refused(
            "workflow publishes without packages: write",
            SIGNAL,
            c ->
                c.workflow(
                    """
                on: push
                permissions:
                  contents: read
                jobs:
                  publish:
                    runs-on: ubuntu-latest
                    steps:
                      - name: Publish
                        run: mvn -B deploy
                """),
            "without 'packages: write' permission",
            "add \"permissions: { contents: read, packages: write }\" to the job"),
        refused(
            "workflow lets the deploy job sign",
            SIGNAL,
            c ->
                c.workflow(
                    """
                on: push
                jobs:
                  publish:
                    runs-on: ubuntu-latest
                    permissions:
                      contents: read
                      packages: write
                      id-token: write
                      attestations: write
                    steps:
                      - name: Publish
                        run: mvn -B deploy
                  deploy:
                    needs: publish
                    runs-on: self-hosted
                    permissions:
                      id-token: write
                    steps:
                      - name: Deploy
                        run: /home/github-runner/deploy-pytoya.sh --chart oci://ghcr.io/acme/charts/app --chart-version 1.0.0 --images '{}'
                """),
            "job 'deploy' step 'Deploy': runs the deploy script deploy-pytoya.sh with"
                + " 'id-token: write' permission",
            "grant id-token: write only in the publishing job",
            "1 workflow policy violation in .github/workflows"),
        refused(
            "workflow configures an insecure registry",
            SIGNAL,
            c ->
                c.workflow(
                    """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - name: Docker daemon
                        run: dockerd --insecure-registry ghcr.io &
                """),
            "configures an insecure registry (--insecure-registry)",
            "registries are reached over verified TLS only"),
        refused(
            "workflow is not YAML",
            SIGNAL,
            c -> c.workflow("on: push\njobs: [unclosed\n"),
            "Cannot read workflow .github/workflows/ci.yml",
            "fix the file so that GitHub Actions can load it"));
  }

  /** The chart push with one edit of the chart's Chart.yaml. */
  private static Function<Context, MavenRun> chartEdited(String from, String to) {
    return c -> {
      c.sandbox().edit("src/main/helm/pytoya/Chart.yaml", from, to);
      return c.chartPush(env -> {});
    };
  }

  private static String insecureRegistriesConf(Context c) {
    c.sandbox()
        .write(
            "settings/insecure-registries.conf",
            """
        [[registry]]
        prefix = "ghcr.io"
        location = "ghcr.io"
        insecure = true
        """);
    return c.sandbox().resolve("settings/insecure-registries.conf").toString();
  }

  /** A global settings.xml whose ghcr.io server names a user but holds no password. */
  private static String halfFilledSettings(Context c) {
    c.sandbox()
        .write(
            "settings/half-filled-settings.xml",
            """
        <settings>
          <servers>
            <server>
              <id>ghcr.io</id>
              <username>octo-dev</username>
            </server>
          </servers>
        </settings>
        """);
    return c.sandbox().resolve("settings/half-filled-settings.xml").toString();
  }

  /**
   * A global settings.xml whose ghcr.io server holds an encrypted password and no master password.
   */
  private static String encryptedSettings(Context c) {
    c.sandbox()
        .write(
            "settings/settings.xml",
            """
        <settings>
          <servers>
            <server>
              <id>ghcr.io</id>
              <username>octo-dev</username>
              <password>{COQLCE6DU6GtcS5P=}</password>
            </server>
          </servers>
        </settings>
        """);
    return c.sandbox().resolve("settings/settings.xml").toString();
  }
}
