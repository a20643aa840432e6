package io.github.ghcrtools.it.sigstore;

import io.github.ghcrtools.it.standin.PerClassExtension;

/**
 * Owns one {@link SigstoreStandIn} per test class. Register it next to the ghcr.io stand-in:
 *
 * <pre>{@code
 * @RegisterExtension static final GhcrStandInExtension GHCR = new GhcrStandInExtension();
 * @RegisterExtension static final SigstoreStandInExtension SIGSTORE = new SigstoreStandInExtension();
 * }</pre>
 *
 * and reach it with {@link #standIn()} or as a {@code SigstoreStandIn} test parameter.
 */
public final class SigstoreStandInExtension extends PerClassExtension<SigstoreStandIn> {

  public SigstoreStandInExtension() {
    super(SigstoreStandIn.class);
  }

  @Override
  protected SigstoreStandIn start() {
    return SigstoreStandIn.start();
  }

  /** The running stand-in; only between beforeAll and afterAll. */
  public SigstoreStandIn standIn() {
    return resource();
  }
}
