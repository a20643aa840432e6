package io.github.ghcrtools.deploy.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SignalCommandTest {

  private final Release release = ReleaseAssembler.assemble(Records.example(), null);

  @Test
  void argvIsExactlyTheThreeOptionsWithCompactSortedJson() {
    SignalCommand command = SignalCommand.of("/home/github-runner/deploy-pytoya.sh", release);

    assertEquals(
        List.of(
            "/home/github-runner/deploy-pytoya.sh",
            "--chart",
            "oci://ghcr.io/acme/charts/pytoya",
            "--chart-version",
            "1.2.3",
            "--images",
            "{\"api\":\"ghcr.io/acme/pytoya/api:1.2.3@"
                + Records.API_DIGEST
                + "\",\"web\":\"ghcr.io/acme/pytoya/web:1.2.3@"
                + Records.WEB_DIGEST
                + "\"}"),
        command.argv());
  }

  @Test
  void shellQuotedFormQuotesOnlyWhatNeedsIt() {
    SignalCommand command = new SignalCommand(List.of("/s.sh", "--images", "{\"a\":\"it's\"}"));

    assertEquals("/s.sh --images '{\"a\":\"it'\"'\"'s\"}'", command.shellQuoted());
  }
}
