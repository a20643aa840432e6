package io.github.ghcrtools.it.standin;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Owns one {@link GhcrStandIn} per test class: started before the first test, stopped (registry
 * process, proxy, temp dir) after the last. Register it as a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final GhcrStandInExtension GHCR = new GhcrStandInExtension();
 * }</pre>
 *
 * and reach the stand-in with {@link #standIn()} or as a {@code GhcrStandIn} test parameter.
 */
public final class GhcrStandInExtension
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

  private GhcrStandIn standIn;

  /** The class context that started the stand-in; {@code @Nested} classes share it. */
  private String owner;

  @Override
  public void beforeAll(ExtensionContext context) {
    if (standIn == null) {
      standIn = GhcrStandIn.start();
      owner = context.getUniqueId();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (standIn != null && context.getUniqueId().equals(owner)) {
      try {
        standIn.close();
      } finally {
        standIn = null;
        owner = null;
      }
    }
  }

  /** The running stand-in; only between beforeAll and afterAll. */
  public GhcrStandIn standIn() {
    if (standIn == null) {
      throw new IllegalStateException(
          "the ghcr.io stand-in is not running: register "
              + "GhcrStandInExtension with @RegisterExtension on a static field");
    }
    return standIn;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == GhcrStandIn.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return standIn();
  }
}
