package io.github.ghcrtools.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShellScriptTest {

  private static List<List<String>> words(String script) {
    return ShellScript.parse(script).stream().map(ShellCommand::words).toList();
  }

  @Test
  void splitsCommandsOnSeparatorsAndNewlines() {
    assertEquals(
        List.of(List.of("a", "1"), List.of("b"), List.of("c"), List.of("d"), List.of("e")),
        words("a 1; b && c || d\n e # comment ; not a command"));
  }

  @Test
  void keepsQuotedTextAndJoinsContinuations() {
    assertEquals(
        List.of(List.of("echo", "a b", "c$d", "e\"f", "--x=y z")),
        words("echo 'a b' \"c$d\" e\\\"f \\\n  --x=\"y z\""));
  }

  @Test
  void keepsSubstitutionsAndExpressionsAsOneWord() {
    assertEquals(
        List.of(List.of("docker", "push", "$(cat ref | head -1)", "${{env.IMAGE}}:1")),
        words("docker push $(cat ref | head -1) ${{ env.IMAGE }}:1"));
  }

  @Test
  void separatesRedirectionsAndSkipsHereDocuments() {
    List<ShellCommand> commands =
        ShellScript.parse(
            """
                cat <<'EOF' | sudo tee -a /etc/hosts 2>&1
                docker push quay.io/not/a/command
                EOF
                echo done >> log.txt
                """);
    assertEquals(
        List.of(
            List.of("cat"), List.of("sudo", "tee", "-a", "/etc/hosts"), List.of("echo", "done")),
        commands.stream().map(ShellCommand::words).toList());
    assertEquals(List.of(new ShellCommand.Redirect("<<", "EOF")), commands.get(0).redirects());
    assertEquals(List.of(new ShellCommand.Redirect(">&", "1")), commands.get(1).redirects());
    assertEquals(List.of(new ShellCommand.Redirect(">>", "log.txt")), commands.get(2).redirects());
  }

  @Test
  void splitsScriptsRunWithShellDashC() {
    List<ShellCommand> commands =
        ShellScript.parse("sudo bash -ec 'echo x >> /etc/hosts; docker login quay.io'");
    assertEquals(3, commands.size());
    assertEquals(
        List.of(new ShellCommand.Redirect(">>", "/etc/hosts")), commands.get(1).redirects());
    assertEquals(List.of("docker", "login", "quay.io"), commands.get(2).words());
  }

  @Test
  void effectiveWordsDropAssignmentsSudoEnvAndKeywords() {
    ShellCommand command =
        ShellScript.parse("if A=1 sudo -u root env B=2 ./mvnw -B deploy; then :; fi").get(0);
    assertEquals("mvnw", command.program());
    assertEquals(List.of("-B", "deploy"), command.args());
  }

  @Test
  void readsAssignmentsAndPositionals() {
    assertEquals(
        Map.of("REGISTRY", "ghcr.io", "X", "a b"),
        ShellScript.parse("export REGISTRY=ghcr.io X='a b'").get(0).assignments());
    assertEquals(Map.of(), ShellScript.parse("REGISTRY=ghcr.io docker login").get(0).assignments());
    ShellCommand login = ShellScript.parse("docker login -u me --password-stdin -- ghcr.io").get(0);
    assertEquals(List.of("login", "ghcr.io"), login.positionals(java.util.Set.of("-u")));
    ShellCommand build = ShellScript.parse("docker build -t a:1 --tag=b:2 --tag c:3 .").get(0);
    assertEquals(List.of("a:1", "b:2", "c:3"), build.optionValues(java.util.Set.of("-t", "--tag")));
  }
}
