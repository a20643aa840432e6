package io.github.ghcrtools.publish.push;

import com.google.cloud.tools.jib.api.RegistryException;
import java.io.IOException;

/**
 * One more attempt with fresh authentication when the registry answers 401: ghcr.io wants a
 * bearer token where basic credentials were offered first, and a bearer token can expire in the
 * middle of a push. Only one: a second 401 means the credentials themselves are refused, and
 * repeating would only delay that message. The retry policy never retries a 401 on its own, so
 * this is the only repetition an authentication failure gets.
 */
final class FreshAuthentication {

  /** A registry call. */
  @FunctionalInterface
  interface Call<T> {
    T run() throws IOException, RegistryException;
  }

  /** Obtains fresh authentication; false when the registry offers none (basic auth only). */
  @FunctionalInterface
  interface Renewal {
    boolean renew() throws IOException, RegistryException;
  }

  private final Renewal renewal;

  FreshAuthentication(Renewal renewal) {
    this.renewal = renewal;
  }

  <T> T call(Call<T> call) throws IOException, RegistryException {
    try {
      return call.run();
    } catch (IOException | RegistryException e) {
      if (GhcrRegistry.status(e) != 401 || !renewal.renew()) {
        throw e;
      }
      return call.run();
    }
  }
}
