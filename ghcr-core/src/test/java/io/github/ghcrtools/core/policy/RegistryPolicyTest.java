package io.github.ghcrtools.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RegistryPolicyTest {

  static final String HEX = "0123456789abcdef".repeat(4);
  static final String DIGEST = "sha256:" + HEX;
  static final String TAG_RULE =
      "use 1 to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'.";
  static final String COMPONENT_RULE =
      "use lowercase letters and digits, separated by '.', '_', '__' or '-'.";
  static final String DIGEST_RULE = "use 'sha256:' followed by 64 lowercase hex characters.";

  static Stream<Arguments> goodImages() {
    return Stream.of(
        Arguments.of("ghcr.io/acme/api", "acme/api", null, null, "ghcr.io/acme/api"),
        Arguments.of("GHCR.IO/acme/api:1.0.0", "acme/api", "1.0.0", null, "ghcr.io/acme/api:1.0.0"),
        Arguments.of(
            "Ghcr.Io/acme/pytoya/api:latest",
            "acme/pytoya/api",
            "latest",
            null,
            "ghcr.io/acme/pytoya/api:latest"),
        Arguments.of("https://ghcr.io/acme/api:1", "acme/api", "1", null, "ghcr.io/acme/api:1"),
        Arguments.of("HTTPS://ghcr.io/acme/api:1", "acme/api", "1", null, "ghcr.io/acme/api:1"),
        Arguments.of(
            "ghcr.io/acme/api@" + DIGEST, "acme/api", null, DIGEST, "ghcr.io/acme/api@" + DIGEST),
        Arguments.of(
            "ghcr.io/acme/api:1.2@" + DIGEST,
            "acme/api",
            "1.2",
            DIGEST,
            "ghcr.io/acme/api:1.2@" + DIGEST),
        Arguments.of("  ghcr.io/acme/api:1  ", "acme/api", "1", null, "ghcr.io/acme/api:1"),
        Arguments.of(
            "ghcr.io/my-org/a.b_c__d--e/x9:V1_2.3-RC",
            "my-org/a.b_c__d--e/x9",
            "V1_2.3-RC",
            null,
            "ghcr.io/my-org/a.b_c__d--e/x9:V1_2.3-RC"),
        Arguments.of(
            "ghcr.io/acme/api:_underscore",
            "acme/api",
            "_underscore",
            null,
            "ghcr.io/acme/api:_underscore"),
        Arguments.of(
            "ghcr.io/acme/api:" + "t".repeat(128),
            "acme/api",
            "t".repeat(128),
            null,
            "ghcr.io/acme/api:" + "t".repeat(128)),
        Arguments.of(
            "ghcr.io/acme/sha-abc1234",
            "acme/sha-abc1234",
            null,
            null,
            "ghcr.io/acme/sha-abc1234"));
  }

  @ParameterizedTest
  @MethodSource("goodImages")
  void acceptsGoodImageReferences(
      String input, String repository, String tag, String digest, String canonical) {
    GhcrReference ref = RegistryPolicy.parseImage(input, "image");
    assertEquals(new GhcrReference(repository, tag, digest), ref);
    assertEquals(canonical, ref.toString());
    assertEquals("ghcr.io", ref.registry());
    assertEquals("ghcr.io/" + repository, ref.repositoryName());
    assertEquals(repository.substring(0, repository.indexOf('/')), ref.owner());
  }

  static Stream<Arguments> badImages() {
    String p = "Parameter 'image'";
    return Stream.of(
        Arguments.of("", p + ": reference is empty; set it to ghcr.io/<owner>/<path>:<tag>."),
        Arguments.of("   ", p + ": reference is empty; set it to ghcr.io/<owner>/<path>:<tag>."),
        Arguments.of(null, p + ": reference is empty; set it to ghcr.io/<owner>/<path>:<tag>."),
        Arguments.of(
            "docker.io/acme/api:1.0",
            p
                + " ('docker.io/acme/api:1.0'): registry 'docker.io' is refused,"
                + " only ghcr.io is allowed; write 'ghcr.io/acme/api:1.0'."),
        Arguments.of(
            "quay.io/acme/api",
            p
                + " ('quay.io/acme/api'): registry 'quay.io' is refused,"
                + " only ghcr.io is allowed; write 'ghcr.io/acme/api'."),
        Arguments.of(
            "ghcr.io.evil.com/acme/api:1",
            p
                + " ('ghcr.io.evil.com/acme/api:1'): registry"
                + " 'ghcr.io.evil.com' is refused, only ghcr.io is allowed; write 'ghcr.io/acme/api:1'."),
        Arguments.of(
            "evilghcr.io/acme/api:1",
            p
                + " ('evilghcr.io/acme/api:1'): registry 'evilghcr.io' is"
                + " refused, only ghcr.io is allowed; write 'ghcr.io/acme/api:1'."),
        Arguments.of(
            "ghcr.io./acme/api:1",
            p
                + " ('ghcr.io./acme/api:1'): registry 'ghcr.io.' is"
                + " refused, only ghcr.io is allowed; write 'ghcr.io/acme/api:1'."),
        Arguments.of(
            "localhost:5000/acme/api:1",
            p
                + " ('localhost:5000/acme/api:1'): registry"
                + " 'localhost:5000' is refused, only ghcr.io is allowed; write 'ghcr.io/acme/api:1'."),
        Arguments.of(
            "127.0.0.1/acme/api:1",
            p
                + " ('127.0.0.1/acme/api:1'): registry '127.0.0.1' is"
                + " refused, only ghcr.io is allowed; write 'ghcr.io/acme/api:1'."),
        Arguments.of(
            "docker.io",
            p
                + " ('docker.io'): registry 'docker.io' is refused, only ghcr.io is"
                + " allowed; write 'ghcr.io/<owner>/<name>:<tag>'."),
        Arguments.of(
            "ghcr.io:443/acme/api:1",
            p
                + " ('ghcr.io:443/acme/api:1'): port '443' is refused;"
                + " ghcr.io is only reached on the default https port: write 'ghcr.io/acme/api:1'."),
        Arguments.of(
            "GHCR.IO:5000/acme/api",
            p
                + " ('GHCR.IO:5000/acme/api'): port '5000' is refused;"
                + " ghcr.io is only reached on the default https port: write 'ghcr.io/acme/api'."),
        Arguments.of(
            "http://ghcr.io/acme/api:1",
            p
                + " ('http://ghcr.io/acme/api:1'): plain http is"
                + " refused; ghcr.io is only reached over https: write 'ghcr.io/acme/api:1'."),
        Arguments.of(
            "HTTP://ghcr.io/acme/api:1",
            p
                + " ('HTTP://ghcr.io/acme/api:1'): plain http is"
                + " refused; ghcr.io is only reached over https: write 'ghcr.io/acme/api:1'."),
        Arguments.of(
            "ftp://ghcr.io/acme/api:1",
            p
                + " ('ftp://ghcr.io/acme/api:1'): scheme 'ftp://' is"
                + " not supported; write 'ghcr.io/acme/api:1'."),
        Arguments.of(
            "oci://ghcr.io/acme/api:1",
            p
                + " ('oci://ghcr.io/acme/api:1'): scheme 'oci://' is"
                + " not supported; write 'ghcr.io/acme/api:1'."),
        Arguments.of(
            "user:s3cr3t@ghcr.io/acme/api:1",
            p
                + " ('***@ghcr.io/acme/api:1'): user-info before"
                + " the host is refused; credentials never go into a reference: write 'ghcr.io/acme/api:1'"
                + " and use the settings.xml server 'ghcr.io' or env GHCR_TOKEN."),
        Arguments.of(
            "https://bot@ghcr.io/acme/api",
            p
                + " ('https://***@ghcr.io/acme/api'): user-info"
                + " before the host is refused; credentials never go into a reference: write"
                + " 'ghcr.io/acme/api' and use the settings.xml server 'ghcr.io' or env GHCR_TOKEN."),
        Arguments.of(
            "bob:s3cr3t@ghcr.io",
            p
                + " ('***@ghcr.io'): user-info before the host is refused;"
                + " credentials never go into a reference: write 'ghcr.io/<owner>/<name>:<tag>' and use the"
                + " settings.xml server 'ghcr.io' or env GHCR_TOKEN."),
        Arguments.of(
            "acme/api:1.0",
            p + " ('acme/api:1.0'): registry host is missing;" + " write 'ghcr.io/acme/api:1.0'."),
        Arguments.of(
            "api:1.0",
            p + " ('api:1.0'): registry host is missing; write 'ghcr.io/<owner>/api:1.0'."),
        Arguments.of(
            "ghcr.io",
            p + " ('ghcr.io'): repository path is missing; write 'ghcr.io/<owner>/<name>'."),
        Arguments.of(
            "ghcr.io/",
            p + " ('ghcr.io/'): repository path is missing; write 'ghcr.io/<owner>/<name>'."),
        Arguments.of(
            "ghcr.io/api:1.0",
            p
                + " ('ghcr.io/api:1.0'): repository 'api' has no owner;"
                + " GHCR paths start with the owner: write 'ghcr.io/<owner>/api:1.0'."),
        Arguments.of(
            "ghcr.io/acme//api:1",
            p
                + " ('ghcr.io/acme//api:1'): repository 'acme//api' has an"
                + " empty path segment; remove the extra '/': write 'ghcr.io/acme/api:1'."),
        Arguments.of(
            "ghcr.io/acme/api/",
            p
                + " ('ghcr.io/acme/api/'): repository 'acme/api/' has an empty"
                + " path segment; remove the extra '/': write 'ghcr.io/acme/api'."),
        Arguments.of(
            "ghcr.io/Acme/API:1.0",
            p
                + " ('ghcr.io/Acme/API:1.0'): repository 'Acme/API' has"
                + " uppercase letters; GHCR requires lowercase: write 'ghcr.io/acme/api:1.0'."),
        Arguments.of(
            "GHCR.IO/acme/PyToya/api@" + DIGEST,
            p
                + " ('GHCR.IO/acme/PyToya/api@"
                + DIGEST
                + "'): repository 'acme/PyToya/api' has uppercase letters; GHCR requires lowercase: write"
                + " 'ghcr.io/acme/pytoya/api@"
                + DIGEST
                + "'."),
        Arguments.of(
            "ghcr.io/acme/my app:1",
            p
                + " ('ghcr.io/acme/my app:1'): path component 'my app' is"
                + " invalid; "
                + COMPONENT_RULE),
        Arguments.of(
            "ghcr.io/acme/-api",
            p + " ('ghcr.io/acme/-api'): path component '-api' is invalid; " + COMPONENT_RULE),
        Arguments.of(
            "ghcr.io/acme/api_",
            p + " ('ghcr.io/acme/api_'): path component 'api_' is invalid; " + COMPONENT_RULE),
        Arguments.of(
            "ghcr.io/acme/a..b",
            p + " ('ghcr.io/acme/a..b'): path component 'a..b' is invalid; " + COMPONENT_RULE),
        Arguments.of(
            "ghcr.io/acme/a___b",
            p
                + " ('ghcr.io/acme/a___b'): path component 'a___b' is"
                + " invalid; "
                + COMPONENT_RULE),
        Arguments.of(
            "ghcr.io/acme:1/api",
            p
                + " ('ghcr.io/acme:1/api'): path component 'acme:1' is"
                + " invalid; "
                + COMPONENT_RULE),
        Arguments.of(
            "ghcr.io/acme/" + "a".repeat(250),
            p
                + " ('ghcr.io/acme/"
                + "a".repeat(250)
                + "'): repository name is 263 characters long, over the 255 allowed; shorten the path."),
        Arguments.of(
            "ghcr.io/acme/api:v1!",
            p + " ('ghcr.io/acme/api:v1!'): tag 'v1!' is invalid; " + TAG_RULE),
        Arguments.of(
            "ghcr.io/acme/api:.hidden",
            p + " ('ghcr.io/acme/api:.hidden'): tag '.hidden' is" + " invalid; " + TAG_RULE),
        Arguments.of(
            "ghcr.io/acme/api:-rc",
            p + " ('ghcr.io/acme/api:-rc'): tag '-rc' is invalid; " + TAG_RULE),
        Arguments.of("ghcr.io/acme/api:", p + " ('ghcr.io/acme/api:'): tag is empty; " + TAG_RULE),
        Arguments.of(
            "ghcr.io/acme/api:" + "t".repeat(129),
            p
                + " ('ghcr.io/acme/api:"
                + "t".repeat(129)
                + "'): tag is 129 characters long; use at most 128."),
        Arguments.of(
            "ghcr.io/acme/api:1.2.3+build.5",
            p
                + " ('ghcr.io/acme/api:1.2.3+build.5'): tag"
                + " '1.2.3+build.5' is invalid; '+' is not allowed in OCI tags: write '1.2.3_build.5' as Helm does."),
        Arguments.of(
            "ghcr.io/acme/api@sha256:abc",
            p
                + " ('ghcr.io/acme/api@sha256:abc'): digest"
                + " 'sha256:abc' is invalid; "
                + DIGEST_RULE),
        Arguments.of(
            "ghcr.io/acme/api@", p + " ('ghcr.io/acme/api@'): digest is empty; " + DIGEST_RULE),
        Arguments.of(
            "ghcr.io/acme/api@sha256:" + HEX.toUpperCase(),
            p
                + " ('ghcr.io/acme/api@sha256:"
                + HEX.toUpperCase()
                + "'): digest 'sha256:"
                + HEX.toUpperCase()
                + "' has uppercase letters;"
                + " write '"
                + DIGEST
                + "'."),
        Arguments.of(
            "ghcr.io/acme/api@sha512:" + HEX + HEX,
            p
                + " ('ghcr.io/acme/api@sha512:"
                + HEX
                + HEX
                + "'): digest algorithm 'sha512' is not supported; GHCR addresses content by sha256: use the"
                + " sha256 digest."),
        Arguments.of(
            "ghcr.io/acme/api:1@" + DIGEST + "@x",
            p
                + " ('ghcr.io/acme/api:1@"
                + DIGEST
                + "@x'): digest '"
                + DIGEST
                + "@x' is invalid; "
                + DIGEST_RULE));
  }

  @ParameterizedTest
  @MethodSource("badImages")
  void refusesBadImageReferencesWithTheFix(String input, String message) {
    var e =
        assertThrows(
            PolicyViolationException.class, () -> RegistryPolicy.parseImage(input, "image"));
    assertEquals(message, e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ghp_user:ghp_T0kenValue@ghcr.io/acme/api | ghcr.io/acme/api",
        "ghp_user:ghp_T0ken/Value@ghcr.io/acme/api:1 | ghcr.io/acme/api:1",
        "ghp_user:ghp_T0ken@Value@ghcr.io/acme/api:1@"
            + "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
            + " | ghcr.io/acme/api:1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "ghp_user:ghp_T0kenValue@docker.io/acme/api | docker.io/acme/api",
        "ghp_user:ghp_T0kenValue@registry/acme/api | registry/acme/api",
      })
  void userInfoNeverAppearsInTheMessage(String reference, String shownAfterMask) {
    var e =
        assertThrows(
            PolicyViolationException.class, () -> RegistryPolicy.parseImage(reference, "image"));
    assertTrue(
        e.getMessage()
            .startsWith(
                "Parameter 'image' ('***@"
                    + shownAfterMask
                    + "'): user-info before the"
                    + " host is refused;"),
        e.getMessage());
    assertFalse(e.getMessage().contains("T0ken"), e.getMessage());
    assertFalse(e.getMessage().contains("ghp_user"), e.getMessage());
  }

  static Stream<Arguments> owners() {
    return Stream.of(
        Arguments.of("acme", Map.of("GHCR_OWNER", "other"), "acme"),
        Arguments.of(" acme ", Map.of(), "acme"),
        Arguments.of(
            null, Map.of("GHCR_OWNER", "PyToya", "GITHUB_REPOSITORY_OWNER", "Other"), "pytoya"),
        Arguments.of("", Map.of("GITHUB_REPOSITORY_OWNER", "My-Org"), "my-org"),
        Arguments.of(null, Map.of("GHCR_OWNER", " ", "GITHUB_REPOSITORY_OWNER", "acme"), "acme"));
  }

  @ParameterizedTest
  @MethodSource("owners")
  void ownerComesFromPomThenEnvironment(
      String configured, Map<String, String> env, String expected) {
    assertEquals(expected, RegistryPolicy.owner(configured, env));
  }

  static Stream<Arguments> badOwners() {
    String rule = COMPONENT_RULE;
    return Stream.of(
        Arguments.of(
            "MyOrg",
            Map.of(),
            "Parameter 'owner': owner 'MyOrg' has uppercase letters; GHCR requires"
                + " lowercase: write 'myorg'."),
        Arguments.of("my org", Map.of(), "Parameter 'owner': owner 'my org' is invalid; " + rule),
        Arguments.of(
            null,
            Map.of(),
            "Parameter 'owner': no owner is known; set the 'owner' parameter or env"
                + " GHCR_OWNER (GitHub Actions sets GITHUB_REPOSITORY_OWNER)."),
        Arguments.of(
            null,
            Map.of("GHCR_OWNER", "Bad Org"),
            "Env GHCR_OWNER: owner 'bad org' is invalid; " + rule),
        Arguments.of(
            null,
            Map.of("GITHUB_REPOSITORY_OWNER", "a/b"),
            "Env GITHUB_REPOSITORY_OWNER: owner 'a/b' is invalid; " + rule));
  }

  @ParameterizedTest
  @MethodSource("badOwners")
  void refusesBadOwners(String configured, Map<String, String> env, String message) {
    var e =
        assertThrows(PolicyViolationException.class, () -> RegistryPolicy.owner(configured, env));
    assertEquals(message, e.getMessage());
  }

  @Test
  void aLookAlikeHostIsNotGhcr() {
    // Java's equalsIgnoreCase takes each of these for ghcr.io; they resolve elsewhere
    for (String host : new String[] {"ghcr.\u0131o", "GHCR.\u0130O", "ghcr.\u0130o"}) {
      PolicyViolationException e =
          assertThrows(
              PolicyViolationException.class,
              () -> RegistryPolicy.parseImage(host + "/acme/api:1", "image"),
              host);
      assertTrue(e.getMessage().contains("only ghcr.io is allowed"), e.getMessage());
    }
    assertEquals(
        "ghcr.io/acme/api:1", RegistryPolicy.parseImage("GHCR.io/acme/api:1", "image").toString());
  }

  @Test
  void validatesStandaloneTagsAndDigests() {
    assertEquals("1.2.3", RegistryPolicy.tag("1.2.3", "tags"));
    assertEquals(DIGEST, RegistryPolicy.digest(DIGEST, "digest"));
    assertEquals(
        "Parameter 'tags': tag is empty; " + TAG_RULE,
        assertThrows(PolicyViolationException.class, () -> RegistryPolicy.tag(null, "tags"))
            .getMessage());
    assertEquals(
        "Parameter 'tags': tag 'a b' is invalid; " + TAG_RULE,
        assertThrows(PolicyViolationException.class, () -> RegistryPolicy.tag("a b", "tags"))
            .getMessage());
    assertEquals(
        "Parameter 'digest': digest algorithm 'md5' is not supported; GHCR addresses content by sha256:"
            + " use the sha256 digest.",
        assertThrows(
                PolicyViolationException.class, () -> RegistryPolicy.digest("md5:abc", "digest"))
            .getMessage());
    assertEquals(
        "Parameter 'digest': digest '" + HEX + "' is invalid; " + DIGEST_RULE,
        assertThrows(PolicyViolationException.class, () -> RegistryPolicy.digest(HEX, "digest"))
            .getMessage());
  }

  @Test
  void buildsImageAndChartReferences() {
    assertEquals("ghcr.io/acme/pytoya/api", RegistryPolicy.image("acme", "pytoya/api").toString());
    assertEquals(
        "ghcr.io/acme/pytoya/api:1.0",
        RegistryPolicy.image("acme", "pytoya/api").withTag("1.0").toString());
    assertEquals("ghcr.io/acme/charts/web", RegistryPolicy.chart("acme", null, "web").toString());
    assertEquals(
        "ghcr.io/acme/helm/charts/web:1.0.0_b",
        RegistryPolicy.chart("acme", "helm/charts", "web")
            .withTag(RegistryPolicy.chartTag("1.0.0+b"))
            .toString());
    assertEquals(
        "ghcr.io/acme/api:1@" + DIGEST,
        RegistryPolicy.image("acme", "api").withTag("1").withDigest(DIGEST).toString());
  }

  static Stream<Arguments> badBuilders() {
    return Stream.of(
        Arguments.of(
            (Runnable) () -> RegistryPolicy.image("acme", "Pytoya/API"),
            "Parameter 'image': image path 'Pytoya/API' has uppercase letters; GHCR requires lowercase:"
                + " write 'pytoya/api'."),
        Arguments.of(
            (Runnable) () -> RegistryPolicy.image("acme", "", "imageName"),
            "Parameter 'imageName': image path is missing; write '<name>'."),
        Arguments.of(
            (Runnable) () -> RegistryPolicy.image("Acme", "api"),
            "Parameter 'owner': owner 'Acme' has uppercase letters; GHCR requires lowercase: write 'acme'."),
        Arguments.of(
            (Runnable) () -> RegistryPolicy.chart("acme", null, "Web"),
            "Parameter 'chartName': chart name 'Web' has uppercase letters; GHCR requires lowercase:"
                + " write 'web'."),
        Arguments.of(
            (Runnable) () -> RegistryPolicy.chart("acme", null, "a/b"),
            "Parameter 'chartName': chart name 'a/b' is invalid; " + COMPONENT_RULE),
        Arguments.of(
            (Runnable) () -> RegistryPolicy.chart("acme", "helm//charts", "web"),
            "Parameter 'chartsPrefix': charts prefix 'helm//charts' has an empty path segment; remove"
                + " the extra '/': write 'helm/charts'."),
        Arguments.of(
            (Runnable) () -> RegistryPolicy.chartTag(" "),
            "Parameter 'version': chart version is empty; set 'version' in Chart.yaml."),
        Arguments.of(
            (Runnable) () -> new GhcrReference("api", null, null),
            "Parameter 'repository': repository 'api' has no owner; GHCR paths start with the owner:"
                + " write '<owner>/api'."),
        Arguments.of(
            (Runnable) () -> new GhcrReference("acme/api", null, null).withTag("bad tag"),
            "Parameter 'tag': tag 'bad tag' is invalid; " + TAG_RULE),
        Arguments.of(
            (Runnable) () -> new GhcrReference("acme/api", null, null).withDigest("sha256:1"),
            "Parameter 'digest': digest 'sha256:1' is invalid; " + DIGEST_RULE));
  }

  @ParameterizedTest
  @MethodSource("badBuilders")
  void refusesBadBuilderInput(Runnable call, String message) {
    assertEquals(message, assertThrows(PolicyViolationException.class, call::run).getMessage());
  }

  @Test
  void chartTagReplacesPlus() {
    assertEquals("1.2.3_build.7", RegistryPolicy.chartTag("1.2.3+build.7"));
    assertEquals("1.2.3", RegistryPolicy.chartTag("1.2.3"));
  }

  @Test
  void referenceWithoutTagOrDigestIsNotPushable() {
    GhcrReference ref = RegistryPolicy.parseImage("ghcr.io/acme/api", "image");
    assertNull(ref.tag());
    assertFalse(ref.pushable());
  }

  @Test
  void anOwnerIsKnownFromTheParameterOrEitherVariable() {
    assertTrue(RegistryPolicy.ownerKnown("acme", Map.of()));
    assertTrue(RegistryPolicy.ownerKnown(null, Map.of("GHCR_OWNER", "Acme")));
    assertTrue(RegistryPolicy.ownerKnown(" ", Map.of("GITHUB_REPOSITORY_OWNER", "acme")));
    assertFalse(
        RegistryPolicy.ownerKnown(" ", Map.of("GHCR_OWNER", "", "GITHUB_ACTOR", "octocat")));
  }
}
