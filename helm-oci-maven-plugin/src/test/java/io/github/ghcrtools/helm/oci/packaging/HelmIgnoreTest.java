package io.github.ghcrtools.helm.oci.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HelmIgnoreTest {

  /** Rules are written with '|' for line breaks. */
  @ParameterizedTest(name = "[{0}] {1} dir={2} -> {3}")
  @CsvSource(
      delimiter = ';',
      value = {
        // blank lines, comments and surrounding spaces
        "'';                         README.md;            false; false",
        "'# *.md|   |';               README.md;            false; false",
        "'   *.md   ';                README.md;            false; true",
        // no slash: base name, at any depth
        "'*.txt';                     notes.txt;            false; true",
        "'*.txt';                     files/a/notes.txt;    false; true",
        "'*.txt';                     notes.txt.bak;        false; false",
        "'a[b-d].txt';                ac.txt;               false; true",
        "'a[b-d].txt';                ae.txt;               false; false",
        "'a[^b].txt';                 ac.txt;               false; true",
        "'a[^b].txt';                 ab.txt;               false; false",
        "'?.md';                      x.md;                 false; true",
        "'{a,b}.md';                  a.md;                 false; false",
        "'{a,b}.md';                  '{a,b}.md';           false; true",
        // leading slash: anchored at the chart root
        "'/*.txt';                    notes.txt;            false; true",
        "'/*.txt';                    files/notes.txt;      false; false",
        // with a slash: the whole relative path, '*' never crosses '/'
        "'files/*.txt';               files/a.txt;          false; true",
        "'files/*.txt';               files/deep/a.txt;     false; false",
        // trailing slash: directories only
        "'docs/';                     docs;                 true;  true",
        "'docs/';                     docs;                 false; false",
        "'docs/';                     sub/docs;             true;  true",
        // Helm's default: dot files directly in templates/
        "'';                          templates/.hidden;    false; true",
        "'';                          templates/sub/.x;     false; false",
        "'';                          .helmignore;          false; false",
        // Helm's negation: a path NOT matching a negated rule is ignored
        "'!*.yaml';                   values.yaml;          false; false",
        "'!*.yaml';                   README.md;            false; true",
        // first match wins
        "'*.md|!README.md';           README.md;            false; true",
        "'\\*.md';                    '*.md';               false; true",
        "'\\*.md';                    a.md;                 false; false",
      })
  void evaluatesRulesLikeHelm(String rules, String path, boolean directory, boolean ignored) {
    HelmIgnore ignore = HelmIgnore.parse(rules.replace('|', '\n'), ".helmignore");
    assertEquals(ignored, ignore.ignores(path, directory));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "'**/*.txt';        .helmignore line 1: '**/*.txt' uses '**'",
        "'ok|a[b';          .helmignore line 2: unclosed '['",
        "'a\\';             .helmignore line 1: trailing '\\'",
        "'a[]b]';           .helmignore line 1: unexpected ']'",
        "'a[z-a]';          .helmignore line 1: bad range",
      })
  void refusesPatternsHelmRefuses(String rules, String expected) {
    InvalidChartException e =
        assertThrows(
            InvalidChartException.class,
            () -> HelmIgnore.parse(rules.replace('|', '\n'), ".helmignore"));
    assertTrue(e.getMessage().startsWith(expected), e.getMessage());
  }

  @Test
  void stripsBomAndAcceptsCrlfLines() {
    HelmIgnore ignore = HelmIgnore.parse("\uFEFF*.md\r\n*.txt\r\n", ".helmignore");
    assertTrue(ignore.ignores("README.md", false));
    assertTrue(ignore.ignores("a.txt", false));
    assertFalse(ignore.ignores("a.yaml", false));
  }
}
