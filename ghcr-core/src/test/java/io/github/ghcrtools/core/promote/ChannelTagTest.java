package io.github.ghcrtools.core.promote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.failure.UserError;
import io.github.ghcrtools.core.policy.PolicyViolationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelTagTest {

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod", " staging ", "main", "eu-west.canary"})
  void channelsAreAccepted(String channel) {
    assertEquals(channel.strip(), ChannelTag.of(channel, "helm-oci.channel"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.2.3", "1.2.3-rc.1", "1.2.3_build.5", "sha-abcdef1"})
  void releaseVersionsAndCommitTagsAreNeverMoved(String channel) {
    PolicyViolationException e =
        assertThrows(PolicyViolationException.class, () -> ChannelTag.of(channel, "ghcr.channel"));
    assertTrue(
        e.getMessage().startsWith("Parameter 'channel' is '" + channel + "'")
            && e.getMessage().contains("never"),
        e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"latest", "1", "1.2", "2024.06", "1.0.0-SNAPSHOT"})
  void movingTagsOfTheReleaseAreNotChannels(String channel) {
    PolicyViolationException e =
        assertThrows(PolicyViolationException.class, () -> ChannelTag.of(channel, "ghcr.channel"));
    assertTrue(e.getMessage().contains("starting with a letter"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sha256-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "sha256-anything"
      })
  void aReferrersTagIsNoChannel(String channel) {
    PolicyViolationException e =
        assertThrows(PolicyViolationException.class, () -> ChannelTag.of(channel, "ghcr.channel"));
    assertEquals(
        "Parameter 'channel' is '"
            + channel
            + "': sha256-<hex> tags list an image's referrers (SBOM, provenance, signatures),"
            + " and moving one would hide them; use a channel such as dev, staging or prod.",
        e.getMessage());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void aMissingChannelNamesTheProperty(String channel) {
    UserError e = assertThrows(UserError.class, () -> ChannelTag.of(channel, "ghcr.channel"));
    assertEquals(
        "Parameter 'channel' is not set: name the channel tag to move, e.g. -Dghcr.channel=prod.",
        e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"pro d", "-dev", "prod:1"})
  void anInvalidTagIsRefused(String channel) {
    assertThrows(PolicyViolationException.class, () -> ChannelTag.of(channel, "ghcr.channel"));
  }
}
