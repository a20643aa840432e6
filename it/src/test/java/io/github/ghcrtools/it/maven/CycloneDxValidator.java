package io.github.ghcrtools.it.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.it.standin.ExternalCommand;
import io.github.ghcrtools.it.standin.ProcessResult;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An independent CycloneDX 1.6 JSON validator for the tests: the CycloneDX project's own JavaScript
 * library ({@code @cyclonedx/cyclonedx-library}, its strict JSON schema through Ajv) run with Node,
 * so an SBOM our plugins make with cyclonedx-core-java is checked by other code.
 *
 * <p>{@link #install()} also serves the other Node tools of that folder (the Sigstore stand-in and
 * verifier of {@code it.sigstore}). The npm packages are pinned by {@code
 * it/src/test/node/package-lock.json}. On first use in a test JVM they are installed with {@code
 * npm ci} into a copy under {@code it/target/node} (never into {@code src}); an install whose
 * lockfile hash matches the stamp it left is reused. Only that cold install needs the npm registry,
 * reached with the machine's own npm configuration; the proxy variables of the environment are
 * removed so npm can never go through the ghcr.io stand-in's proxy (a machine that needs a proxy
 * for npm sets it in its npmrc). Validation itself is offline: the schemas come with the library
 * and remote schemas are disabled.
 *
 * <p>Node ≥ 20.18 and npm missing make the test fail, naming the install command; never a skip.
 */
public final class CycloneDxValidator {

  /** {@code engines.node} of the pinned {@code @cyclonedx/cyclonedx-library}. */
  private static final int NODE_MAJOR = 20;

  private static final int NODE_MINOR = 18;
  private static final String INSTALL_HINT =
      "Install with: scripts/install-tools.sh (Debian packages nodejs npm when there is no Node;"
          + " Debian 12 ships Node 18, too old: use NodeSource's nodejs 20 or newer there)";
  private static final List<String> PROXY_VARIABLES =
      List.of("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy");
  private static final List<String> FILES =
      List.of(
          "package.json",
          "package-lock.json",
          "validate-cyclonedx.mjs",
          "sigstore-standin.mjs",
          "verify-sigstore.mjs");
  private static final String STAMP = ".lockfile.sha256";
  private static final String LIBRARY = "node_modules/@cyclonedx/cyclonedx-library/package.json";
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration VALIDATE_TIMEOUT = Duration.ofMinutes(2);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path installed;

  private CycloneDxValidator() {}

  /**
   * One schema violation as Ajv reports it: where ({@code instancePath}, a JSON pointer, empty for
   * the root), which rule ({@code keyword}: required, enum, additionalProperties, …), its {@code
   * message} and its {@code params} as JSON (for example {@code {"missingProperty":"name"}}).
   */
  public record SchemaError(String instancePath, String keyword, String message, String params) {

    @Override
    public String toString() {
      return (instancePath.isEmpty() ? "/" : instancePath) + ": " + message + " " + params;
    }
  }

  /**
   * The schema errors of {@code sbom} as CycloneDX 1.6 JSON (strict schema, and {@code specVersion}
   * "1.6"); empty when it is valid. Installs the validator on first use.
   *
   * @throws IllegalStateException when the file cannot be read or is not JSON, or when Node, npm or
   *     the install is missing or broken
   */
  public static List<SchemaError> validate(Path sbom) {
    ProcessResult result =
        node(List.of("validate-cyclonedx.mjs", sbom.toAbsolutePath().toString()), VALIDATE_TIMEOUT);
    if (result.exitCode() == 0 && result.stdout().strip().equals("valid")) {
      return List.of();
    }
    if (result.exitCode() == 1) {
      List<SchemaError> errors = parse(result);
      if (!errors.isEmpty()) {
        return errors;
      }
    }
    throw new IllegalStateException(
        "the CycloneDX validator could not check " + sbom + ":\n" + result.describe());
  }

  /** Fails with every schema error of {@code sbom} unless it is valid CycloneDX 1.6 JSON. */
  public static void assertValid(Path sbom) {
    List<SchemaError> errors = validate(sbom);
    if (!errors.isEmpty()) {
      StringBuilder message =
          new StringBuilder(
              sbom + " is not valid CycloneDX 1.6 JSON (@cyclonedx/cyclonedx-library):");
      errors.forEach(error -> message.append("\n  ").append(error));
      throw new AssertionError(message);
    }
  }

  /**
   * Installs the pinned packages once per JVM (reusing an earlier install of the same lockfile) and
   * returns the folder holding {@code node_modules} and {@code validate-cyclonedx.mjs}.
   */
  public static synchronized Path install() {
    if (installed != null) {
      return installed;
    }
    requireNode();
    Path sources = sources();
    Path home = home();
    try {
      Files.createDirectories(home);
      // another JVM (a second fork, a parallel build of the module) may install at the same time
      try (FileChannel channel =
          FileChannel.open(
              home.resolve(".install.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock lock = channel.lock();
        try {
          for (String file : FILES) {
            Path source = sources.resolve(file);
            if (!Files.isRegularFile(source)) {
              throw new IllegalStateException(
                  "missing " + source + ": the it module is incomplete");
            }
            Files.copy(source, home.resolve(file), StandardCopyOption.REPLACE_EXISTING);
          }
          String hash = lockHash(sources);
          Path stamp = home.resolve(STAMP);
          boolean current =
              Files.isRegularFile(stamp)
                  && Files.readString(stamp, StandardCharsets.UTF_8).strip().equals(hash)
                  && Files.isRegularFile(home.resolve(LIBRARY));
          if (!current) {
            Files.deleteIfExists(stamp);
            ProcessResult npm =
                run(
                    List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"),
                    home,
                    INSTALL_TIMEOUT);
            if (!npm.succeeded()) {
              throw new IllegalStateException(
                  "npm ci of "
                      + sources.resolve("package-lock.json")
                      + " failed (a cold install needs the npm registry, reached with this machine's"
                      + " npm configuration):\n"
                      + npm.describe());
            }
            Files.writeString(stamp, hash + "\n", StandardCharsets.UTF_8);
          }
        } finally {
          lock.release();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not install the CycloneDX validator in " + home, e);
    }
    installed = home;
    return home;
  }

  /**
   * Runs {@code node <arguments>} in the installed folder (installing it first), as {@link
   * #validate} does: for the other Node tools of that folder.
   */
  public static ProcessResult node(List<String> arguments, Duration timeout) {
    List<String> command = new ArrayList<>(List.of("node"));
    command.addAll(arguments);
    return run(command, install(), timeout);
  }

  /** {@code it/src/test/node}: package.json, package-lock.json and the script. */
  private static Path sources() {
    String configured = System.getProperty("it.nodeSources");
    return configured != null && !configured.isBlank()
        ? Path.of(configured)
        : baseDir().resolve("src").resolve("test").resolve("node");
  }

  /** {@code it/target/node}, where npm installs. */
  private static Path home() {
    String configured = System.getProperty("it.nodeDir");
    return configured != null && !configured.isBlank()
        ? Path.of(configured)
        : baseDir().resolve("target").resolve("node");
  }

  /** The it module's folder: surefire and failsafe set {@code basedir}, an IDE runs in it. */
  private static Path baseDir() {
    return Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
        .toAbsolutePath()
        .normalize();
  }

  private static String lockHash(Path sources) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String file : List.of("package.json", "package-lock.json")) {
        digest.update(file.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(Files.readAllBytes(sources.resolve(file)));
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Fails, naming the install command, unless node ≥ 20.18 and npm are on the PATH. */
  private static void requireNode() {
    List<String> missing = new ArrayList<>();
    for (String program : List.of("node", "npm")) {
      if (find(program) == null) {
        missing.add(program);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "The CycloneDX validator needs Node >= "
              + NODE_MAJOR
              + "."
              + NODE_MINOR
              + " and npm: "
              + String.join(", ", missing)
              + " not found on the PATH. "
              + INSTALL_HINT
              + " (the tests fail rather than skip)");
    }
    Path scratch = baseDir();
    ProcessResult version = run(List.of("node", "--version"), scratch, Duration.ofMinutes(1));
    Matcher matcher = Pattern.compile("v(\\d+)\\.(\\d+)\\.").matcher(version.stdout().strip());
    if (!version.succeeded() || !matcher.lookingAt()) {
      throw new IllegalStateException("could not read Node's version:\n" + version.describe());
    }
    int major = Integer.parseInt(matcher.group(1));
    int minor = Integer.parseInt(matcher.group(2));
    if (major < NODE_MAJOR || (major == NODE_MAJOR && minor < NODE_MINOR)) {
      throw new IllegalStateException(
          "The CycloneDX validator needs Node >= "
              + NODE_MAJOR
              + "."
              + NODE_MINOR
              + " (@cyclonedx/cyclonedx-library's engines), found "
              + version.stdout().strip()
              + ". "
              + INSTALL_HINT);
    }
  }

  /** The executable's path on {@code PATH}, or {@code null}. */
  private static Path find(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, program);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    return null;
  }

  private static List<SchemaError> parse(ProcessResult result) {
    try {
      JsonNode array = JSON.readTree(result.stdout());
      List<SchemaError> errors = new ArrayList<>();
      if (array != null && array.isArray()) {
        for (JsonNode error : array) {
          errors.add(
              new SchemaError(
                  error.path("instancePath").asText(""),
                  error.path("keyword").asText(""),
                  error.path("message").asText(""),
                  error.path("params").toString()));
        }
      }
      return errors;
    } catch (IOException e) {
      return List.of();
    }
  }

  /**
   * Runs one program to completion with its output in files (no full pipe can block it, a hung one
   * is killed), without the proxy variables of this JVM's environment.
   */
  private static ProcessResult run(List<String> command, Path workDir, Duration timeout) {
    Map<String, String> withoutProxies = new HashMap<>();
    PROXY_VARIABLES.forEach(variable -> withoutProxies.put(variable, null));
    return ExternalCommand.run(command, withoutProxies, workDir, timeout);
  }
}
