package io.github.ghcrtools.it.standin;

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
public final class GhcrStandInExtension extends PerClassExtension<GhcrStandIn> {

  public GhcrStandInExtension() {
    super(GhcrStandIn.class);
  }

  @Override
  protected GhcrStandIn start() {
    return GhcrStandIn.start();
  }

  /** The running stand-in; only between beforeAll and afterAll. */
  public GhcrStandIn standIn() {
    return resource();
  }
}
