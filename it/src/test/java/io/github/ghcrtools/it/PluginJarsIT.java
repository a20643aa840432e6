package io.github.ghcrtools.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.it.maven.ItEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The licence notices of each plugin jar as installed: the jar bundles its libraries (shaded), so
 * it must carry their notices itself. Its {@code META-INF/LICENSE} is this project's; {@code
 * META-INF/THIRD-PARTY.txt} names every bundled library with a licence; each library's own
 * LICENSE/NOTICE files are kept, byte for byte, under {@code META-INF/licenses/<artifactId>/}
 * (merged by path, all but one would be lost).
 */
class PluginJarsIT {

  /** A line of THIRD-PARTY.txt: {@code (licence) name (group:artifact:version - url)}. */
  private static final Pattern LISTED =
      Pattern.compile("^\\s+\\((.+?)\\) .* \\(([^:\\s]+):([^:\\s]+):([^\\s]+) - .*\\)$");

  /**
   * A file that may hold a licence or notice, by its name, wider than what the build copies (the
   * parent POM's "bundled-licences"): a file this matches must reach the jar unchanged.
   */
  private static final Pattern NOTICE_FILE =
      Pattern.compile(
          "(?i)(.*/)?([^/]*(licen[cs]e|notice|copying|third-party)[^/]*|about\\.html|dependencies)");

  /** The notices the jar writes itself, over whatever a library has at the same path. */
  private static final Set<String> OURS =
      Set.of("META-INF/LICENSE", "META-INF/NOTICE", "META-INF/THIRD-PARTY.txt");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ghcr-publish-maven-plugin",
        "helm-oci-maven-plugin",
        "deploy-signal-maven-plugin"
      })
  void theJarCarriesTheNoticesOfWhatItBundles(String plugin) throws IOException {
    String version = ItEnvironment.projectVersion();
    Path path =
        ItEnvironment.itRepository()
            .resolve("io/github/ghcrtools/" + plugin + "/" + version)
            .resolve(plugin + "-" + version + ".jar");
    try (JarFile jar = new JarFile(path.toFile())) {
      Path ownLicense = ItEnvironment.examples().resolve("../LICENSE").normalize();
      assertArrayEquals(
          Files.readAllBytes(ownLicense),
          bytes(jar, "META-INF/LICENSE"),
          plugin + ": META-INF/LICENSE is this project's");
      assertNotNull(jar.getEntry("META-INF/NOTICE"), plugin + ": the libraries' NOTICEs, merged");

      List<String[]> listed = thirdParty(jar, plugin);
      Set<String> coordinates = new TreeSet<>();
      listed.forEach(l -> coordinates.add(l[1] + ":" + l[2] + ":" + l[3]));
      Set<String> fromListed = new TreeSet<>();
      Map<String, Set<String>> notices = new HashMap<>();
      Set<String> artifactIds = new TreeSet<>();
      int copied = 0;
      for (String[] library : listed) {
        copied += assertNoticesKept(jar, plugin, library, fromListed, notices);
        artifactIds.add(library[2]);
      }
      assertTrue(copied >= 20, plugin + ": only " + copied + " notice files copied");
      // a licence other than Apache 2.0 (BSD, MIT, Bouncy Castle's, EDL) asks for its text and
      // copyright line with every copy: each such library has a file of its own in the jar
      for (String[] library : listed) {
        if (!library[0].toLowerCase(java.util.Locale.ROOT).contains("apache")) {
          assertTrue(
              hasText(jar, library[2]),
              plugin + ": no licence text for " + library[2] + " (" + library[0] + ")");
          assertWrittenForThisVersion(jar, plugin, library);
        }
      }
      // and nothing else: no notice of a library the jar no longer bundles, none left over from
      // an earlier build (a stale file would contradict the list)
      for (ZipEntry entry : jar.stream().toList()) {
        String name = entry.getName();
        if (name.startsWith("META-INF/licenses/")) {
          String folder = name.substring("META-INF/licenses/".length()).split("/", 2)[0];
          assertTrue(
              folder.isEmpty() || artifactIds.contains(folder),
              plugin + ": " + name + " belongs to no listed library");
        } else if (!entry.isDirectory()
            && !name.endsWith(".class")
            && !OURS.contains(name)
            && NOTICE_FILE.matcher(name).matches()) {
          // the same bytes as a listed library's file at that path, not merely the same name
          assertTrue(
              notices.getOrDefault(name, Set.of()).contains(sha256(bytes(jar, name))),
              plugin + ": " + name + " is no listed library's file");
        }
      }
      // a Maven-built library names itself in the jar (pom.properties): each such file must
      // come from a listed library, or the jar bundles one the list leaves out
      for (String bundled : bundledPomProperties(jar)) {
        assertTrue(
            fromListed.contains(bundled),
            plugin
                + " bundles "
                + bundled
                + ", from no library of THIRD-PARTY.txt: "
                + coordinates);
      }
      assertTrue(
          coordinates.stream().noneMatch(c -> c.startsWith("org.slf4j:slf4j-api:")),
          plugin + ": slf4j-api is Maven's own and left out of the jar, so not listed");
      assertTrue(
          coordinates.stream().anyMatch(c -> c.startsWith("dev.sigstore:sigstore-java:")),
          plugin + ": a library without Maven metadata in the jar is listed too: " + coordinates);
    }
  }

  /**
   * Each listed library's notice files are in the jar unchanged, under {@code
   * META-INF/licenses/<artifactId>/} or at their own path (a file no other library has, as
   * CycloneDX's licence data); returns how many were copied, and adds the library's entries to
   * {@code entries}.
   */
  private static int assertNoticesKept(
      JarFile jar,
      String plugin,
      String[] library,
      Set<String> entries,
      Map<String, Set<String>> notices)
      throws IOException {
    String group = library[1];
    String artifact = library[2];
    String version = library[3];
    Path original =
        ItEnvironment.userRepository()
            .resolve(group.replace('.', '/'))
            .resolve(artifact + "/" + version + "/" + artifact + "-" + version + ".jar");
    assertTrue(Files.isRegularFile(original), plugin + ": listed " + original + " not found");
    int copied = 0;
    try (JarFile theirs = new JarFile(original.toFile())) {
      for (ZipEntry entry : theirs.stream().toList()) {
        String name = entry.getName();
        entries.add(name);
        if (entry.isDirectory()
            || name.endsWith(".class")
            || !NOTICE_FILE.matcher(name).matches()) {
          continue;
        }
        byte[] content = bytes(theirs, name);
        notices.computeIfAbsent(name, n -> new HashSet<>()).add(sha256(content));
        byte[] copy = bytes(jar, "META-INF/licenses/" + artifact + "/" + name);
        if (copy != null) {
          assertArrayEquals(content, copy, plugin + ": " + artifact + "'s " + name + " changed");
          copied++;
        } else {
          assertArrayEquals(
              content,
              bytes(jar, name),
              plugin
                  + ": "
                  + artifact
                  + "'s "
                  + name
                  + " is lost (neither copied nor at its path)");
        }
      }
    }
    return copied;
  }

  /**
   * A file under {@code META-INF/licenses/<artifactId>/} (copied from the library, or written by
   * this project from the library's sources where its jar has none), or Bouncy Castle's own licence
   * class, which holds the text.
   */
  private static boolean hasText(JarFile jar, String artifactId) {
    if (artifactId.startsWith("bc") && artifactId.endsWith("-jdk18on")) {
      return jar.getEntry("org/bouncycastle/LICENSE.class") != null;
    }
    String folder = "META-INF/licenses/" + artifactId + "/";
    return jar.stream().anyMatch(e -> !e.isDirectory() && e.getName().startsWith(folder));
  }

  /**
   * A licence file this project wrote (its first line names the library, as the files under {@code
   * src/main/resources/META-INF/licenses} do) names the version the jar bundles: an upgrade must
   * look at the text again.
   */
  private static void assertWrittenForThisVersion(JarFile jar, String plugin, String[] library)
      throws IOException {
    byte[] text = bytes(jar, "META-INF/licenses/" + library[2] + "/LICENSE");
    if (text == null) {
      return;
    }
    String first = new String(text, StandardCharsets.UTF_8).lines().findFirst().orElse("");
    if (first.startsWith(library[2] + " ")) {
      assertTrue(
          first.startsWith(library[2] + " " + library[3] + " "),
          plugin
              + ": the licence text written for "
              + library[2]
              + " names another version than "
              + library[3]
              + ": "
              + first);
    }
  }

  private static String sha256(byte[] content) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code [licence, group, artifact, version]} of each line, each with a licence. */
  private static List<String[]> thirdParty(JarFile jar, String plugin) throws IOException {
    byte[] text = bytes(jar, "META-INF/THIRD-PARTY.txt");
    assertNotNull(text, plugin + ": META-INF/THIRD-PARTY.txt missing");
    List<String[]> listed = new ArrayList<>();
    for (String line : new String(text, StandardCharsets.UTF_8).split("\n")) {
      Matcher m = LISTED.matcher(line);
      if (m.matches()) {
        assertFalse(
            m.group(1).toLowerCase(java.util.Locale.ROOT).contains("unknown"),
            plugin + ": a library without a licence: " + line);
        listed.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4)});
      }
    }
    assertTrue(listed.size() >= 40, plugin + ": THIRD-PARTY.txt lists " + listed.size());
    assertFalse(
        listed.stream().anyMatch(l -> l[1].equals("io.github.ghcrtools")),
        plugin + ": this project's own modules are not third-party");
    return listed;
  }

  /** The paths of the bundled libraries' pom.properties, ours left out. */
  private static Set<String> bundledPomProperties(JarFile jar) {
    Set<String> found = new TreeSet<>();
    for (ZipEntry entry : jar.stream().toList()) {
      String name = entry.getName();
      if (name.startsWith("META-INF/maven/")
          && name.endsWith("/pom.properties")
          && !name.startsWith("META-INF/maven/io.github.ghcrtools/")) {
        found.add(name);
      }
    }
    assertFalse(found.isEmpty(), "no bundled pom.properties at all");
    return found;
  }

  private static byte[] bytes(JarFile jar, String name) throws IOException {
    ZipEntry entry = jar.getEntry(name);
    if (entry == null) {
      return null;
    }
    try (InputStream in = jar.getInputStream(entry)) {
      return in.readAllBytes();
    }
  }
}
