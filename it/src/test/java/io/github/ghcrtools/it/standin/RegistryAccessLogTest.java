package io.github.ghcrtools.it.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegistryAccessLogTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "127.0.0.1 - - [21/Nov/2025:23:48:19 +0000] \"GET /v2/ HTTP/1.1\" 401 87 \"\" \"curl/7.88.1\""
            + "|GET|/v2/|401|87|curl/7.88.1",
        "127.0.0.1 - - [21/Nov/2025:23:48:19 +0000] \"HEAD /v2/o/r/blobs/sha256:ab HTTP/2.0\" 404 0 \"\" \"jib 0.28.1\""
            + "|HEAD|/v2/o/r/blobs/sha256:ab|404|0|jib 0.28.1",
        "127.0.0.1 - - [21/Nov/2025:23:48:19 +0000] \"PUT /v2/o/r/blobs/uploads/u?digest=sha256%3Aab HTTP/1.1\" 201 0 \"\" \"Java-http-client/17\""
            + "|PUT|/v2/o/r/blobs/uploads/u?digest=sha256%3Aab|201|0|Java-http-client/17",
      })
  void parsesCombinedLines(
      String line, String method, String path, int status, long bytes, String agent) {
    assertEquals(
        new RegistryRequest(method, path, status, bytes, agent), RegistryAccessLog.parse(line));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "time=\"2025\" level=info msg=\"listening on 127.0.0.1:5000\"",
        "{\"level\":\"info\",\"msg\":\"response completed\"}"
      })
  void ignoresOtherLines(String line) {
    assertNull(RegistryAccessLog.parse(line));
  }

  @Test
  void leavesOutTheStandInsReadinessProbes(@TempDir Path dir) throws Exception {
    Path file =
        Files.write(
            dir.resolve("access.log"),
            List.of(
                "127.0.0.1 - - [d] \"GET /v2/ HTTP/1.1\" 401 87 \"\" \""
                    + RegistryAccessLog.PROBE_USER_AGENT
                    + "\"",
                "127.0.0.1 - - [d] \"GET /v2/ HTTP/1.1\" 401 87 \"\" \"jib\"",
                "127.0.0.1 - - [d] \"GET /v2/ HTTP/1.1\" 200 2 \"\" \"jib\""));
    assertEquals(
        List.of(401, 200),
        new RegistryAccessLog(file).requests().stream().map(RegistryRequest::status).toList());
  }

  @Test
  void pathWithoutQueryDropsTheQuery() {
    assertEquals(
        "/v2/o/r/blobs/uploads/u",
        new RegistryRequest("PUT", "/v2/o/r/blobs/uploads/u?digest=x", 201, 0, "")
            .pathWithoutQuery());
  }
}
