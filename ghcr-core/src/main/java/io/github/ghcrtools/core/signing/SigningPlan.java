package io.github.ghcrtools.core.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.core.failure.UserError;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Decides, in the module and before anything is uploaded, whether this push signs: {@code sign=
 * true} without a way to get an OIDC token fails here, so nothing is pushed unsigned; {@code auto}
 * says in one line why it does not sign. Pull requests never get here: they push nothing.
 */
public final class SigningPlan {

  private SigningPlan() {}

  /**
   * Made on first use, for a private instance's config only: {@code ghcr:build} asks {@link
   * #refusedBeforeAnyRequest} on the way to the push's token, where a JSON mapper made in this
   * class's initialization cost the token about a tenth of a second on two cores.
   */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  /**
   * A trusted run on a protected branch other than the default one, or a manual run from another
   * branch, signs as that ref, which the default {@code certificateIdentity} (tags or the default
   * branch) refuses: said before anything is pushed, so the deploy is not a surprise.
   */
  private static void warnWhenDefaultVerificationRefuses(
      Map<String, String> env, Consumer<String> warn) {
    String workflowRef = env.get("GITHUB_WORKFLOW_REF");
    if (workflowRef == null || workflowRef.isBlank() || env.get("GITHUB_REPOSITORY") == null) {
      return;
    }
    String san = "https://github.com/" + workflowRef;
    SignerIdentity verified = SignerIdentity.of(null, null, env, "certificateIdentity");
    if (!java.util.regex.Pattern.compile(verified.identity()).matcher(san).matches()) {
      warn.accept(
          "This build signs as "
              + san
              + ", which the default certificateIdentity of ghcr:verify and of the deploy signal"
              + " (this repository's workflows on tags or the default branch) refuses: set"
              + " certificateIdentity where the release is verified, or publish from a tag or the"
              + " default branch");
    }
  }

  /**
   * A private instance whose signing config lists no Rekor v2 log or no timestamp authority cannot
   * make the DSSE bundles the suite signs (sigstore-java 2.0): said now, before any upload, rather
   * than at the end of the reactor. The public instance's config is only known once fetched.
   */
  private static void refuseConfigWithoutDsse(SigstoreInstance instance, String property) {
    if (instance.signingConfig().isEmpty()) {
      return;
    }
    String prefix = property.substring(0, property.lastIndexOf('.'));
    JsonNode config;
    try {
      config = Json.MAPPER.readTree(Path.of(instance.signingConfig()).toFile());
    } catch (IOException e) {
      throw new UserError(
          "-D"
              + prefix
              + ".sigstore.signingConfig: "
              + instance.signingConfig()
              + " is not a Sigstore signing config (JSON): "
              + e.getMessage(),
          prefix + ".sigstore.signingConfig",
          e);
    }
    boolean rekorV2 = false;
    for (JsonNode log : config.path("rekorTlogUrls")) {
      rekorV2 |= log.path("majorApiVersion").asInt() == 2;
    }
    if (!rekorV2 || config.path("tsaUrls").isEmpty()) {
      throw new UserError(
          "the Sigstore signing config "
              + instance.signingConfig()
              + " lists "
              + (rekorV2 ? "no timestamp authority (tsaUrls)" : "no Rekor v2 log (rekorTlogUrls")
              + (rekorV2 ? "" : " with majorApiVersion 2)")
              + ": the signatures are DSSE bundles, which need both. Add them to -D"
              + prefix
              + ".sigstore.signingConfig, or sign with -D"
              + property
              + "=false",
          prefix + ".sigstore.signingConfig",
          null);
    }
  }

  /**
   * @param property the {@code sign} user property, for the message
   * @return the instance to sign with, or empty when this push signs nothing
   */
  /**
   * True when a push with this {@code sign} value is refused by {@link #decide} or by {@link
   * SignMode#parse} before any request: an unknown value, or {@code true} in a run that cannot get
   * an OIDC token. What reads ghcr.io ahead of the push (the token fetched during the build) asks
   * first, so such a run sends nothing.
   */
  public static boolean refusedBeforeAnyRequest(String sign, Map<String, String> env) {
    try {
      return SignMode.parse(sign, "ghcr.sign") == SignMode.ON
          && ActionsOidc.unavailable(env).isPresent();
    } catch (UserError e) {
      return true;
    }
  }

  public static Optional<SigstoreInstance> decide(
      SignMode mode,
      SigstoreInstance instance,
      Map<String, String> env,
      String property,
      Consumer<String> info,
      Consumer<String> warn) {
    if (mode == SignMode.OFF) {
      return Optional.empty();
    }
    Optional<String> why = ActionsOidc.unavailable(env);
    if (why.isEmpty()) {
      refuseConfigWithoutDsse(instance, property);
      warnWhenDefaultVerificationRefuses(env, warn);
      return Optional.of(instance);
    }
    if (mode == SignMode.ON) {
      throw new UserError(
          "-D"
              + property
              + "=true but this build cannot sign: "
              + why.get()
              + ". Nothing was pushed. Grant the publishing job `permissions: id-token: write`,"
              + " or set -D"
              + property
              + "=auto to push unsigned when it cannot sign",
          property,
          null);
    }
    info.accept("Not signed (" + property + "=auto): " + why.get());
    return Optional.empty();
  }
}
