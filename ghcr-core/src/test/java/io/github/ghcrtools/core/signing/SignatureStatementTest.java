package io.github.ghcrtools.core.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.PublishRecord;
import io.github.ghcrtools.core.referrers.Referrer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureStatementTest {

  @Test
  void theStatementIsCosignsImageSignatureAboutTheDigest() throws Exception {
    String digest = "sha256:" + "ab".repeat(32);
    JsonNode statement =
        new ObjectMapper().readTree(SignatureStatement.json("ghcr.io/acme/api", digest));
    assertEquals("https://in-toto.io/Statement/v1", statement.path("_type").asText());
    assertEquals("https://sigstore.dev/cosign/sign/v1", statement.path("predicateType").asText());
    assertEquals("ghcr.io/acme/api", statement.path("subject").get(0).path("name").asText());
    assertEquals(
        "ab".repeat(32), statement.path("subject").get(0).path("digest").path("sha256").asText());
    assertEquals(0, statement.path("predicate").size());
  }

  @Test
  void requireSignaturesAutoKnowsASignedReleaseFromItsRecords() {
    PublishRecord unsigned =
        PublishRecord.of(
            ArtifactKind.IMAGE,
            "api",
            "ghcr.io/acme/api",
            "sha256:" + "1".repeat(64),
            List.of("1.0.0"),
            "1.0.0",
            null,
            Instant.EPOCH);
    PublishRecord signed =
        unsigned.withSupplyChain(
            null,
            List.of(
                new PublishRecord.Attached(
                    Referrer.SIGSTORE_BUNDLE,
                    "sha256:" + "2".repeat(64),
                    SignatureStatement.PREDICATE_TYPE)));
    assertEquals(false, SignatureRequirement.AUTO.knownSigned(List.of(unsigned)));
    assertEquals(true, SignatureRequirement.AUTO.knownSigned(List.of(unsigned, signed)));
    assertEquals(true, SignatureRequirement.ALWAYS.knownSigned(List.of(unsigned)));
    assertEquals(SignatureRequirement.ALWAYS, SignatureRequirement.parse("true", "p"));
    assertEquals(SignatureRequirement.AUTO, SignatureRequirement.parse(null, "p"));
    assertEquals(
        "signature", Referrer.label(Referrer.SIGSTORE_BUNDLE, SignatureStatement.PREDICATE_TYPE));
  }
}
