package io.github.ghcrtools.it.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.it.maven.CycloneDxValidator.SchemaError;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The independent CycloneDX validator the ITs check SBOMs with: it accepts a minimal 1.6 BOM and
 * names the problem of a broken one. The first test of a JVM installs the pinned npm packages into
 * {@code target/node} (the npm registry, once; later runs reuse the install).
 */
class CycloneDxValidatorTest {

  @TempDir Path work;

  private static Path sample(String name) throws URISyntaxException {
    return Path.of(CycloneDxValidatorTest.class.getResource("/cyclonedx/" + name).toURI());
  }

  private static void assertHas(List<SchemaError> errors, Predicate<SchemaError> expected) {
    assertTrue(errors.stream().anyMatch(expected), () -> "unexpected errors: " + errors);
  }

  @Test
  void aMinimalBomIsValid() throws Exception {
    Path bom = sample("valid-1.6.json");

    assertEquals(List.of(), CycloneDxValidator.validate(bom));
    CycloneDxValidator.assertValid(bom);
  }

  @Test
  void aComponentWithoutItsNameIsInvalid() throws Exception {
    List<SchemaError> errors = CycloneDxValidator.validate(sample("component-without-name.json"));

    assertHas(
        errors,
        error ->
            error.instancePath().equals("/components/0")
                && error.keyword().equals("required")
                && error.params().contains("\"missingProperty\":\"name\""));
    assertThrows(
        AssertionError.class,
        () -> CycloneDxValidator.assertValid(sample("component-without-name.json")));
  }

  @Test
  void aBomFormatOtherThanCycloneDxIsInvalid() throws Exception {
    List<SchemaError> errors = CycloneDxValidator.validate(sample("bad-bom-format.json"));

    assertHas(
        errors,
        error ->
            error.instancePath().equals("/bomFormat")
                && error.keyword().equals("enum")
                && error.params().contains("CycloneDX"));
  }

  @Test
  void aBomOfAnotherSpecVersionIsNotA16Bom() throws Exception {
    String valid = Files.readString(sample("valid-1.6.json"), StandardCharsets.UTF_8);
    Path bom =
        Files.writeString(
            work.resolve("bom-1.5.json"),
            valid.replace("\"specVersion\": \"1.6\"", "\"specVersion\": \"1.5\""));

    List<SchemaError> errors = CycloneDxValidator.validate(bom);

    assertHas(
        errors,
        error -> error.instancePath().equals("/specVersion") && error.message().contains("1.6"));
  }

  @Test
  void aFileThatIsNotJsonIsAnErrorNotAVerdict() throws Exception {
    Path notJson =
        Files.writeString(work.resolve("bom.json"), "{ not json", StandardCharsets.UTF_8);

    IllegalStateException missing =
        assertThrows(
            IllegalStateException.class,
            () -> CycloneDxValidator.validate(work.resolve("absent.json")));
    IllegalStateException broken =
        assertThrows(IllegalStateException.class, () -> CycloneDxValidator.validate(notJson));

    assertTrue(missing.getMessage().contains("exited with 2"), missing.getMessage());
    assertTrue(broken.getMessage().contains("is not JSON"), broken.getMessage());
  }
}
