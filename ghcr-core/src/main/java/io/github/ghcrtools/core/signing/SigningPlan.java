package io.github.ghcrtools.core.signing;

import io.github.ghcrtools.core.failure.UserError;
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
   * @param property the {@code sign} user property, for the message
   * @return the instance to sign with, or empty when this push signs nothing
   */
  public static Optional<SigstoreInstance> decide(
      SignMode mode,
      SigstoreInstance instance,
      Map<String, String> env,
      String property,
      Consumer<String> info) {
    if (mode == SignMode.OFF) {
      return Optional.empty();
    }
    Optional<String> why = ActionsOidc.unavailable(env);
    if (why.isEmpty()) {
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
