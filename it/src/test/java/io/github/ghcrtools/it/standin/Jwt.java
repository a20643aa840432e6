package io.github.ghcrtools.it.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Compact JWS with RS256, the one shape distribution 2.8 and the front need, written with the JDK's
 * {@link Signature} so no JOSE library decides what the registry gets to see.
 */
final class Jwt {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();

  private Jwt() {}

  /** {@code base64url(header).base64url(claims).base64url(RS256 signature)}. */
  static String sign(Map<String, Object> header, Map<String, Object> claims, PrivateKey key) {
    try {
      String signingInput =
          B64URL.encodeToString(JSON.writeValueAsBytes(header))
              + "."
              + B64URL.encodeToString(JSON.writeValueAsBytes(claims));
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(key);
      rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + B64URL.encodeToString(rs256.sign());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("could not sign a token", e);
    }
  }

  /**
   * The claims of {@code token} when it is an RS256 JWS that {@code key} signed; empty for anything
   * else (malformed, another algorithm, another signer).
   */
  static Optional<JsonNode> verifiedClaims(String token, PublicKey key) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      JsonNode header = JSON.readTree(B64URL_DECODER.decode(parts[0]));
      if (!"RS256".equals(header.path("alg").asText())) {
        return Optional.empty();
      }
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initVerify(key);
      rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!rs256.verify(B64URL_DECODER.decode(parts[2]))) {
        return Optional.empty();
      }
      return Optional.of(JSON.readTree(B64URL_DECODER.decode(parts[1])));
    } catch (IOException | IllegalArgumentException | GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  /** The header and claims of a token, unverified: for tests that look at what was issued. */
  static JsonNode part(String token, int index) {
    try {
      return JSON.readTree(B64URL_DECODER.decode(token.split("\\.")[index]));
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not a JWT", e);
    }
  }
}
