package io.github.ghcrtools.workflows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recognises the command lines that log in to or push to a registry: {@code docker login}, {@code
 * docker push}, {@code docker buildx build --push -t}, {@code docker buildx imagetools create -t},
 * {@code helm registry login}, {@code helm push}, {@code oras login/push/cp}, {@code crane auth
 * login/push/copy}, {@code regctl registry login}, and the podman, buildah, nerdctl and skopeo
 * logins.
 */
final class RegistryCommands {

  private static final Set<String> CONTAINER_CLIS =
      Set.of("docker", "podman", "buildah", "nerdctl", "skopeo");
  private static final Set<String> TAG_OPTIONS = Set.of("-t", "--tag");

  /** Options that take a separate value, per program, so that values are not read as operands. */
  private static final Map<String, Set<String>> OPTIONS_WITH_VALUE =
      Map.of(
          "container",
              Set.of(
                  "-u",
                  "--username",
                  "-p",
                  "--password",
                  "--config",
                  "-c",
                  "--context",
                  "-H",
                  "--host",
                  "-l",
                  "--log-level",
                  "--platform",
                  "-t",
                  "--tag",
                  "-f",
                  "--file",
                  "--build-arg",
                  "--target",
                  "--output",
                  "-o",
                  "--cache-from",
                  "--cache-to",
                  "--label",
                  "--secret",
                  "--ssh",
                  "--builder",
                  "--progress",
                  "--network",
                  "--add-host",
                  "--iidfile",
                  "--metadata-file",
                  "--annotation",
                  "--build-context",
                  "--authfile",
                  "--cert-dir",
                  "--creds",
                  "--format",
                  "--digestfile",
                  "--sign-by",
                  "--compression-format",
                  "--tag-from"),
          "helm",
              Set.of(
                  "--username",
                  "--password",
                  "--cert-file",
                  "--key-file",
                  "--ca-file",
                  "--registry-config",
                  "--repository-cache",
                  "--repository-config",
                  "--kube-context",
                  "--kubeconfig",
                  "-n",
                  "--namespace",
                  "--version"),
          "oras",
              Set.of(
                  "-u",
                  "--username",
                  "-p",
                  "--password",
                  "--registry-config",
                  "--ca-file",
                  "--cert-file",
                  "--key-file",
                  "--resolve",
                  "--identity-token",
                  "--artifact-type",
                  "-a",
                  "--annotation",
                  "--annotation-file",
                  "--export-manifest",
                  "--concurrency",
                  "--platform",
                  "--image-spec",
                  "--distribution-spec",
                  "--config",
                  "--oci-layout-path",
                  "--format",
                  "--from-username",
                  "--from-password",
                  "--to-username",
                  "--to-password",
                  "--from-registry-config",
                  "--to-registry-config"),
          "crane", Set.of("-u", "--username", "-p", "--password", "--platform", "--image-refs"),
          "regctl", Set.of("-u", "--user", "-p", "--pass", "--host", "-v", "--verbosity"));

  private RegistryCommands() {}

  /** The registries {@code command} logs in to or pushes to; empty when it does neither. */
  static List<RegistryAccess> of(ShellCommand command, StepEnvironment environment) {
    String program = command.program();
    String family = CONTAINER_CLIS.contains(program) ? "container" : program;
    Set<String> valueOptions = OPTIONS_WITH_VALUE.get(family);
    if (valueOptions == null) {
      return List.of();
    }
    List<String> operands =
        command.positionals(valueOptions).stream().map(environment::expand).toList();
    List<RegistryAccess> found = new ArrayList<>();
    switch (family) {
      case "container" -> container(program, command, operands, environment, found);
      case "helm" -> {
        if (starts(operands, "registry", "login")) {
          found.add(RegistryAccess.login(at(operands, 2)));
        } else if (starts(operands, "push") && operands.size() >= 3) {
          found.add(RegistryAccess.push(operands.get(2)));
        }
      }
      case "oras" -> {
        if (starts(operands, "login")) {
          found.add(RegistryAccess.login(at(operands, 1)));
        } else if (starts(operands, "push") && operands.size() >= 2) {
          found.add(RegistryAccess.push(operands.get(1)));
        } else if ((starts(operands, "cp") || starts(operands, "copy")) && operands.size() >= 3) {
          found.add(RegistryAccess.push(operands.get(2)));
        }
      }
      case "crane" -> {
        if (starts(operands, "auth", "login")) {
          found.add(RegistryAccess.login(at(operands, 2)));
        } else if ((starts(operands, "push") || starts(operands, "copy") || starts(operands, "cp"))
            && operands.size() >= 3) {
          found.add(RegistryAccess.push(operands.get(2)));
        }
      }
      case "regctl" -> {
        if (starts(operands, "registry", "login")) {
          found.add(RegistryAccess.login(at(operands, 2)));
        }
      }
      default -> {}
    }
    // A login without a server operand is only a Docker Hub login for docker and nerdctl;
    // the other tools refuse to run without one.
    found.removeIf(
        access ->
            !access.push()
                && access.server() == null
                && !program.equals("docker")
                && !program.equals("nerdctl"));
    return found;
  }

  private static void container(
      String program,
      ShellCommand command,
      List<String> operands,
      StepEnvironment environment,
      List<RegistryAccess> found) {
    if (starts(operands, "login")) {
      found.add(RegistryAccess.login(at(operands, 1)));
    } else if (starts(operands, "push")
        || starts(operands, "image", "push")
        || starts(operands, "manifest", "push")) {
      int first = operands.get(0).equals("push") ? 1 : 2;
      List<String> refs = operands.subList(Math.min(first, operands.size()), operands.size());
      if (!refs.isEmpty()) {
        // podman and buildah take "push <image> <destination>"
        boolean destination =
            refs.size() >= 2 && (program.equals("podman") || program.equals("buildah"));
        found.add(RegistryAccess.push(destination ? refs.get(1) : refs.get(0)));
      }
    } else if (isBuildThatPushes(command, operands)
        || starts(operands, "buildx", "imagetools", "create")) {
      command.optionValues(TAG_OPTIONS).stream()
          .map(environment::expand)
          .forEach(tag -> found.add(RegistryAccess.push(tag)));
    }
  }

  private static boolean isBuildThatPushes(ShellCommand command, List<String> operands) {
    boolean build =
        starts(operands, "build")
            || starts(operands, "buildx", "build")
            || starts(operands, "buildx", "b");
    if (!build) {
      return false;
    }
    boolean push =
        command.args().stream().anyMatch(arg -> arg.equals("--push") || arg.equals("--push=true"));
    boolean registryOutput =
        command.optionValues(Set.of("--output", "-o")).stream()
            .anyMatch(output -> output.contains("type=registry") || output.contains("push=true"));
    return push || registryOutput;
  }

  private static boolean starts(List<String> operands, String... words) {
    if (operands.size() < words.length) {
      return false;
    }
    for (int i = 0; i < words.length; i++) {
      if (!operands.get(i).equals(words[i])) {
        return false;
      }
    }
    return true;
  }

  private static String at(List<String> operands, int index) {
    return index < operands.size() ? operands.get(index) : null;
  }
}
