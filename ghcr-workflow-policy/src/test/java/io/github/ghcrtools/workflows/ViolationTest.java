package io.github.ghcrtools.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ViolationTest {

  @Test
  void printsOneLineEvenForMultiLineStepNames() {
    Violation violation =
        new Violation(
            ".github/workflows/ci.yml",
            "deploy",
            "Log in\n  to quay",
            "logs in to registry 'quay.io'",
            "log in to ghcr.io only");
    assertEquals(
        ".github/workflows/ci.yml: job 'deploy' step 'Log in to quay': logs in to registry 'quay.io'"
            + " \u2014 log in to ghcr.io only",
        violation.toString());
  }

  @Test
  void namesOnlyTheJobWhenTheJobItselfIsAtFault() {
    Violation violation =
        new Violation(
            ".github/workflows/ci.yml",
            "build",
            null,
            "job container image 'node:20' is on registry 'docker.io'",
            "use images from ghcr.io/<owner>/... only");
    assertEquals(
        ".github/workflows/ci.yml: job 'build': job container image 'node:20' is on registry"
            + " 'docker.io' \u2014 use images from ghcr.io/<owner>/... only",
        violation.toString());
  }
}
