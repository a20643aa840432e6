package io.github.ghcrtools.core.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The ORAS client reads containers' {@code registries.conf} before every request, so a file on the
 * runner could redirect ghcr.io, add a mirror or mark it insecure without any POM change. This
 * guard reads the same files, in the same order, and refuses any such entry for ghcr.io. Aliases
 * are not checked: they only apply to short names, and the suite only uses fully-qualified ghcr.io
 * references.
 */
public final class RegistriesConfGuard {

  static final String ENV = "CONTAINERS_REGISTRIES_CONF";

  /** Loaded only for a file that needs parsing: most runners' files never do. */
  private static final class Toml {
    static final TomlMapper MAPPER = new TomlMapper();
  }

  private RegistriesConfGuard() {}

  /** Checks the files the ORAS client would read on this machine (HOME from {@code env}). */
  public static void checkDefault(Map<String, String> env) {
    String home = env.get("HOME");
    check(env, home == null || home.isBlank() ? null : Path.of(home), Path.of("/etc/containers"));
  }

  /**
   * {@code CONTAINERS_REGISTRIES_CONF} alone when set (as ORAS does); else {@code
   * <etcContainers>/registries.conf}, its {@code registries.conf.d/*.conf} drop-ins, then the same
   * under {@code <home>/.config/containers}. Missing files are skipped.
   *
   * @param home user home, or {@code null} to skip the per-user files
   */
  public static void check(Map<String, String> env, Path home, Path etcContainers) {
    List<String> findings = new ArrayList<>();
    for (Path file : files(env, home, etcContainers)) {
      findings.addAll(findings(file));
    }
    if (!findings.isEmpty()) {
      throw new PolicyViolationException(String.join("\n", findings));
    }
  }

  static List<Path> files(Map<String, String> env, Path home, Path etcContainers) {
    String override = env.get(ENV);
    if (override != null && !override.isBlank()) {
      return existing(List.of(Path.of(override)));
    }
    List<Path> files = new ArrayList<>();
    if (etcContainers != null) {
      files.add(etcContainers.resolve("registries.conf"));
      files.addAll(dropIns(etcContainers.resolve("registries.conf.d")));
    }
    if (home != null) {
      Path user = home.resolve(".config").resolve("containers");
      files.add(user.resolve("registries.conf"));
      files.addAll(dropIns(user.resolve("registries.conf.d")));
    }
    return existing(files);
  }

  private static List<Path> existing(List<Path> files) {
    return files.stream().filter(Files::exists).toList();
  }

  private static List<Path> dropIns(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> p.getFileName().toString().endsWith(".conf")).sorted().toList();
    } catch (IOException e) {
      throw new PolicyViolationException(
          dir
              + ": cannot list the registries.conf drop-ins ("
              + e.getClass().getSimpleName()
              + "); fix its permissions or remove it.");
    }
  }

  static List<String> findings(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      return List.of(
          file
              + ": cannot be read ("
              + e.getClass().getSimpleName()
              + "); fix or remove it, the ORAS client reads it before every push.");
    }
    if (!mayConcernGhcr(text)) {
      return List.of();
    }
    JsonNode root;
    try {
      root = Toml.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return List.of(
          file
              + ": not valid TOML ("
              + e.getOriginalMessage()
              + "); fix or remove it, the ORAS client reads it before every push.");
    }
    List<String> findings = new ArrayList<>();
    if (root == null) {
      return findings;
    }
    int index = 0;
    for (JsonNode entry : root.path("registry")) {
      index++;
      checkEntry(file, index, entry, findings);
    }
    for (JsonNode insecure : root.path("registries").path("insecure").path("registries")) {
      if (matchesGhcr(insecure.asText())) {
        findings.add(
            file
                + ": [registries.insecure] lists '"
                + insecure.asText()
                + "'; remove it, ghcr.io is only reached over verified https.");
      }
    }
    return findings;
  }

  /**
   * Whether any setting of the file could name ghcr.io: only then is it parsed. Outside comment
   * lines it must mention {@code ghcr}, a {@code *.} wildcard, or hold a backslash (a TOML escape
   * could spell the host); the stock files of Debian and Ubuntu runners do none of that.
   */
  static boolean mayConcernGhcr(String text) {
    return text.lines()
        .filter(line -> !line.stripLeading().startsWith("#"))
        .map(line -> line.toLowerCase(Locale.ROOT))
        .anyMatch(line -> line.contains("ghcr") || line.contains("*.") || line.contains("\\"));
  }

  private static void checkEntry(Path file, int index, JsonNode entry, List<String> findings) {
    String prefix = text(entry, "prefix");
    String location = text(entry, "location");
    String effectivePrefix = prefix != null ? prefix : location;
    if (effectivePrefix == null || !matchesGhcr(effectivePrefix)) {
      return;
    }
    String name =
        file
            + ": [[registry]] #"
            + index
            + (prefix != null ? " (prefix '" + prefix + "')" : " (location '" + location + "')");
    if (location != null && rewrites(effectivePrefix, location)) {
      findings.add(
          name
              + " rewrites ghcr.io to '"
              + location
              + "'; remove the location (or the entry), traffic for ghcr.io must not be redirected.");
    }
    if (entry.path("insecure").asBoolean(false)) {
      findings.add(
          name
              + " marks ghcr.io insecure; remove 'insecure = true', ghcr.io is only reached"
              + " over verified https.");
    }
    for (JsonNode mirror : entry.path("mirror")) {
      findings.add(
          name
              + " adds the mirror '"
              + mirror.path("location").asText("")
              + "' for ghcr.io; remove the [[registry.mirror]] tables, ghcr.io must not be mirrored.");
    }
  }

  private static String text(JsonNode entry, String field) {
    JsonNode node = entry.get(field);
    return node == null || node.isNull() || node.asText().isBlank() ? null : node.asText().strip();
  }

  /**
   * A location equal to the prefix is the identity; anything else rewrites the host or the path.
   */
  private static boolean rewrites(String prefix, String location) {
    if (prefix.startsWith("*.")) {
      return !GhcrReference.isRegistryHost(location) || prefix.contains("/");
    }
    return !References.sameAsciiName(location, prefix);
  }

  /** Same matching as containers/image: host prefix, optional path, {@code *.domain} wildcards. */
  static boolean matchesGhcr(String prefix) {
    int slash = prefix.indexOf('/');
    String host = (slash < 0 ? prefix : prefix.substring(0, slash)).toLowerCase(Locale.ROOT);
    if (host.startsWith("*.")) {
      return References.HOST.endsWith(host.substring(1));
    }
    return host.equals(References.HOST);
  }
}
