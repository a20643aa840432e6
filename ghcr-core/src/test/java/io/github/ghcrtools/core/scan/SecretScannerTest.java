package io.github.ghcrtools.core.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.credentials.Secret;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SecretScannerTest {

  @TempDir Path dir;

  record Case(String rule, String secret, String nearMiss) {
    @Override
    public String toString() {
      return rule + " " + secret.substring(0, 4);
    }
  }

  static List<Case> rules() {
    return List.of(
        new Case("github-token", FakeSecrets.github("p"), "ghp_" + "short0123456789"),
        new Case("github-token", FakeSecrets.github("o"), "gho_" + FakeSecrets.BASE62),
        new Case("github-token", FakeSecrets.github("u"), "xghu_" + FakeSecrets.BASE62 + "ZzZz"),
        new Case("github-token", FakeSecrets.github("s"), "ghs-" + FakeSecrets.BASE62 + "ZzZz"),
        new Case("github-token", FakeSecrets.github("r"), "ghx_" + FakeSecrets.BASE62 + "ZzZz"),
        new Case("github-token", FakeSecrets.fineGrained(), "github_pat_" + "tooShort_abc"),
        new Case("aws-access-key", FakeSecrets.aws(), "AKIA" + "IOSFODNN7EXAMPL"),
        new Case("aws-access-key", "AS" + "IAIOSFODNN7EXAMPLE", "ASIA" + "iosfodnn7example"),
        new Case("slack-token", FakeSecrets.slack(), "xoxb-" + "your-token-here"),
        new Case("npm-token", FakeSecrets.npm(), "npm_" + "install_the_dependencies_first_now"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void eachRuleFindsItsTokenWithLineRuleMaskAndFingerprint(Case c) throws IOException {
    List<SecretFinding> found =
        scan("config/app.properties", "# settings\nname=demo\ntoken = " + c.secret() + "\n");

    assertEquals(1, found.size(), found.toString());
    SecretFinding finding = found.get(0);
    assertEquals("image demo", finding.artifact());
    assertEquals("config/app.properties", finding.path());
    assertEquals(3, finding.line());
    assertEquals(c.rule(), finding.rule());
    assertEquals(c.secret().substring(0, 4) + "...", finding.masked());
    assertTrue(finding.fingerprint().matches("sha256:[0-9a-f]{12}"), finding.fingerprint());
    assertNeverShown(c.secret(), finding);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void aNearMissIsNoFinding(Case c) throws IOException {
    assertEquals(List.of(), scan("a.txt", "value=" + c.nearMiss() + "\n"));
  }

  @Test
  void theFingerprintIsTheSha256OfTheSecretAndDiffersBetweenSecrets() throws IOException {
    String a = FakeSecrets.github("p");
    String b = FakeSecrets.github("o");

    List<SecretFinding> found = scan("a.txt", a + "\n" + b + "\n" + a + "\n");

    assertEquals(3, found.size());
    assertEquals(found.get(0).fingerprint(), found.get(2).fingerprint());
    assertNotEquals(found.get(0).fingerprint(), found.get(1).fingerprint());
    String sha =
        java.util.HexFormat.of()
            .formatHex(
                io.github.ghcrtools.core.registry.Sha256.newDigest()
                    .digest(a.getBytes(StandardCharsets.US_ASCII)));
    assertEquals("sha256:" + sha.substring(0, 12), found.get(0).fingerprint());
  }

  @Test
  void privateKeyBlocksOfEveryKindAreFoundAtTheirBeginLine() throws IOException {
    for (String kind : List.of("", "RSA ", "EC ", "OPENSSH ", "ENCRYPTED ", "DSA ")) {
      String pem = FakeSecrets.pem(kind, 5, 'k');
      List<SecretFinding> found = scan("/app/resources/key.pem", "# key\n" + pem);

      assertEquals(1, found.size(), kind + found);
      assertEquals(2, found.get(0).line());
      assertEquals("private-key", found.get(0).rule());
      assertEquals("MIIE...", found.get(0).masked());
      assertNeverShown(pem.lines().skip(1).findFirst().orElseThrow(), found.get(0));
    }
  }

  @Test
  void twoKeysWithTheSameFirstLineHaveDifferentFingerprints() throws IOException {
    String a = FakeSecrets.pem("RSA ", 3, 'a') + FakeSecrets.pem("RSA ", 3, 'b');

    List<SecretFinding> found = scan("keys.pem", a);

    assertEquals(2, found.size());
    assertNotEquals(found.get(0).fingerprint(), found.get(1).fingerprint());
  }

  @Test
  void aBodyLineEndingInPlusKeepsItInTheFingerprintButCodeJoiningStringsDoesNot()
      throws IOException {
    String first = "MIIEowIBAAKCAQEAx" + "q".repeat(46) + "+";
    String second = "r".repeat(63) + "+";
    String pem =
        "-----BEGIN PRIVATE KEY-----\n" + first + "\n" + second + "\n-----END PRIVATE KEY-----\n";
    String code =
        "String key = \"-----BEGIN PRIVATE KEY-----\\n\" +\n    \""
            + first
            + "\" +\n    \""
            + second
            + "\" +\n    \"-----END PRIVATE KEY-----\";\n";

    List<SecretFinding> inPem = scan("key.pem", pem);
    List<SecretFinding> inJava = scan("Key.java", code);

    assertEquals(
        SecretFinding.fingerprint(
            io.github.ghcrtools.core.registry.Sha256.newDigest()
                .digest((first + second).getBytes(StandardCharsets.US_ASCII))),
        inPem.get(0).fingerprint());
    assertEquals(inPem.get(0).fingerprint(), inJava.get(0).fingerprint());
  }

  @Test
  void aKeyInYamlWithLegacyHeadersOrInAJsonStringIsFoundWithOneFingerprint() throws IOException {
    String body = "MIIEowIBAAKCAQEAx" + "q".repeat(47);
    String yaml =
        "tls:\n  key: |\n    -----BEGIN RSA PRIVATE KEY-----\n    Proc-Type: 4,ENCRYPTED\n"
            + "    DEK-Info: AES-128-CBC,0123\n\n    "
            + body
            + "\n    "
            + body
            + "\n    -----END RSA PRIVATE KEY-----\n";
    String json =
        "{\"private_key\": \"-----BEGIN PRIVATE KEY-----\\n"
            + body
            + "\\n"
            + body
            + "\\n-----END PRIVATE KEY-----\\n\"}\n";

    List<SecretFinding> inYaml = scan("values.yaml", yaml);
    List<SecretFinding> inJson = scan("sa.json", json);

    assertEquals(1, inYaml.size(), inYaml.toString());
    assertEquals(3, inYaml.get(0).line());
    assertEquals(1, inJson.size(), inJson.toString());
    assertEquals(inYaml.get(0).fingerprint(), inJson.get(0).fingerprint());
  }

  @Test
  void aHeaderWithoutABodyIsNoFinding() throws IOException {
    String code =
        "if (line.startsWith(\"-----BEGIN RSA PRIVATE KEY-----\")) {\n  return parse(line);\n}\n"
            + "String header = \"-----BEGIN PRIVATE KEY-----\";\n-----BEGIN EC PRIVATE KEY-----\n";

    assertEquals(List.of(), scan("Parser.java", code));
  }

  @Test
  void theExactValuesOfTheTokensAndThePasswordAreFoundWhateverTheirShape() throws IOException {
    KnownSecrets known =
        KnownSecrets.of(
            Map.of("GHCR_TOKEN", "plain-looking-value-1", "GITHUB_TOKEN", "another.value.22"),
            Optional.of(Secret.of("settings-password-3")));
    String text =
        "a=plain-looking-value-1\nb=xx another.value.22 yy\nc=settings-password-3\nd=nothing\n";

    List<SecretFinding> found = scan("app.properties", text, known);

    assertEquals(
        List.of(
            "known-secret (env GHCR_TOKEN)",
            "known-secret (env GITHUB_TOKEN)",
            "known-secret (registry password)"),
        found.stream().map(SecretFinding::rule).toList());
    assertEquals(List.of(1L, 2L, 3L), found.stream().map(SecretFinding::line).toList());
    assertTrue(found.stream().allMatch(SecretFinding::known));
    assertEquals("plai...", found.get(0).masked());
    for (SecretFinding f : found) {
      assertNeverShown("plain-looking-value-1", f);
      assertNeverShown("another.value.22", f);
      assertNeverShown("settings-password-3", f);
    }
  }

  @Test
  void aTokenThatIsAlsoAKnownValueIsOneKnownFinding() throws IOException {
    String token = FakeSecrets.github("s");
    KnownSecrets known = KnownSecrets.of(Map.of("GITHUB_TOKEN", token), Optional.empty());

    List<SecretFinding> found = scan("a.txt", "t=" + token + "\n", known);

    assertEquals(1, found.size());
    assertEquals("known-secret (env GITHUB_TOKEN)", found.get(0).rule());
  }

  @Test
  void knownValuesShorterThanEightCharactersAreIgnored() throws IOException {
    KnownSecrets known =
        KnownSecrets.of(Map.of("GHCR_TOKEN", "abc1234", "GITHUB_TOKEN", " "), Optional.empty());

    assertTrue(known.isEmpty());
    assertEquals(List.of(), scan("a.txt", "abc1234\n", known));
  }

  @Test
  void aBinaryIsSkippedByContentWhateverItsName() throws IOException {
    byte[] binary = ("x\0y" + FakeSecrets.github("p")).getBytes(StandardCharsets.US_ASCII);
    SecretScanner scanner = new SecretScanner("image demo", KnownSecrets.none());

    scanner.scan("/app/resources/data.txt", new ByteArrayInputStream(binary));

    assertEquals(List.of(), scanner.findings());
    assertTrue(scanner.summary().contains("1 binaries skipped"), scanner.summary());
  }

  @Test
  void aNulByteAfterTheFirst8KiBDoesNotMakeTextBinary() throws IOException {
    String text = "x".repeat(SecretScanner.SNIFF) + "\n\0\n" + FakeSecrets.npm() + "\n";

    assertEquals(1, scan("a.txt", text).size());
  }

  @Test
  void theStringsOfAClassFileAreScannedWithoutLineNumbers() throws IOException {
    ByteArrayOutputStream cls = new ByteArrayOutputStream();
    cls.write(
        new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 1, 0, 40});
    cls.write(FakeSecrets.github("p").getBytes(StandardCharsets.US_ASCII));
    cls.write(new byte[] {7, 0, 2});
    SecretScanner scanner = new SecretScanner("image demo", KnownSecrets.none());

    scanner.scan("/app/classes/hello/Main.class", new ByteArrayInputStream(cls.toByteArray()));

    assertEquals(1, scanner.findings().size());
    assertEquals("/app/classes/hello/Main.class", scanner.findings().get(0).location());
  }

  @Test
  void aTokenAcrossTheWindowsOfAVeryLongLineIsFoundOnceAndWhole() throws IOException {
    TextScanner text = new TextScanner(KnownSecrets.none());
    String token = FakeSecrets.github("p");
    // the token starts before the overlap, on its edge, inside it, and across the window's end
    for (int shift : new int[] {-60, -1, 0, 1, 60, text.overlap() - 39, text.overlap() - 20}) {
      int at = text.window() - text.overlap() + shift;
      StringBuilder line = new StringBuilder(" ".repeat(at)).append(token);
      line.append(" ".repeat(3 * text.window()));
      line.append(FakeSecrets.github("o")); // another one, far along the same line
      List<SecretFinding> found = scan("app.min.js", line + "\nnext\n");

      assertEquals(2, found.size(), "shift " + shift + ": " + found);
      assertTrue(found.stream().allMatch(f -> f.line() == 1));
      assertEquals(scan("a", token).get(0).fingerprint(), found.get(0).fingerprint());
    }
  }

  @Test
  void aLineFarLongerThanTheWindowIsScannedInBoundedMemory() throws IOException {
    long size = 64L * 1024 * 1024;
    byte[] tail = ("\n" + FakeSecrets.aws() + "\n").getBytes(StandardCharsets.US_ASCII);
    InputStream huge =
        new java.io.SequenceInputStream(
            new RepeatingStream('a', size), new ByteArrayInputStream(tail));
    SecretScanner scanner = new SecretScanner("image demo", KnownSecrets.none());

    scanner.scan("/big.txt", huge);

    assertEquals(1, scanner.findings().size());
    assertEquals(2, scanner.findings().get(0).line());
  }

  @Test
  void jarEntriesAndAJarInAJarAreScannedAndShownInsideTheJar() throws IOException {
    byte[] inner = zip(Map.of("config/inner.properties", "t=" + FakeSecrets.npm() + "\n"));
    Path jar = dir.resolve("foo-1.0.jar");
    Files.write(
        jar,
        zip(
            Map.of(
                "config/x.properties", "a=1\nkey=" + FakeSecrets.aws() + "\n",
                "com/acme/Foo.class", "ignored " + FakeSecrets.github("p"),
                "BOOT-INF/lib/bar-2.0.jar", new String(inner, StandardCharsets.ISO_8859_1))));
    SecretScanner scanner = new SecretScanner("image demo", KnownSecrets.none());

    scanner.scanFile("/app/libs/foo-1.0.jar", jar);

    assertEquals(
        List.of(
            "/app/libs/foo-1.0.jar!/BOOT-INF/lib/bar-2.0.jar!/config/inner.properties:1",
            "/app/libs/foo-1.0.jar!/config/x.properties:2"),
        scanner.findings().stream().map(SecretFinding::location).sorted().toList());
  }

  @Test
  void theClassFilesOfTheProjectsOwnJarsAreReadButNotThoseOfALibrary() throws IOException {
    Path jar = dir.resolve("core-1.0-SNAPSHOT.jar");
    Files.write(
        jar, zip(Map.of("com/acme/Keys.class", "\u0000\u0001const " + FakeSecrets.github("p"))));

    SecretScanner library = new SecretScanner("image demo", KnownSecrets.none());
    library.scanFile("/app/libs/core-1.0-SNAPSHOT.jar", jar);
    SecretScanner own = new SecretScanner("image demo", KnownSecrets.none());
    own.scanOwnFile("/app/libs/core-1.0-SNAPSHOT.jar", jar);
    own.scanFile("/app/libs/other.jar", jar);

    assertEquals(List.of(), library.findings());
    assertEquals(
        List.of("/app/libs/core-1.0-SNAPSHOT.jar!/com/acme/Keys.class"),
        own.findings().stream().map(SecretFinding::location).toList());
  }

  @Test
  void aFileNamedLikeAJarThatIsNoZipIsScannedAsText() throws IOException {
    Path fake = dir.resolve("notes.jar");
    Files.writeString(fake, "t=" + FakeSecrets.npm() + "\n");
    SecretScanner scanner = new SecretScanner("image demo", KnownSecrets.none());

    scanner.scanFile("/app/notes.jar", fake);

    assertEquals(1, scanner.findings().size());
  }

  private static List<SecretFinding> scan(String path, String text) throws IOException {
    return scan(path, text, KnownSecrets.none());
  }

  private static List<SecretFinding> scan(String path, String text, KnownSecrets known)
      throws IOException {
    SecretScanner scanner = new SecretScanner("image demo", known);
    scanner.scan(path, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    return scanner.findings();
  }

  static byte[] zip(Map<String, String> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (var e : new java.util.TreeMap<>(entries).entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue().getBytes(StandardCharsets.ISO_8859_1));
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** The secret appears in no string form of the finding. */
  static void assertNeverShown(String secret, SecretFinding finding) {
    assertFalse(finding.toString().contains(secret), finding.toString());
    assertFalse(finding.masked().contains(secret.substring(0, Math.min(8, secret.length()))));
    assertFalse(SecretScanGate.describe(finding).contains(secret));
  }

  /** {@code size} copies of one byte, without holding them. */
  private static final class RepeatingStream extends InputStream {
    private final int value;
    private long left;

    RepeatingStream(char value, long size) {
      this.value = value;
      this.left = size;
    }

    @Override
    public int read() {
      return left-- > 0 ? value : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left <= 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      java.util.Arrays.fill(b, off, off + n, (byte) value);
      left -= n;
      return n;
    }
  }
}
