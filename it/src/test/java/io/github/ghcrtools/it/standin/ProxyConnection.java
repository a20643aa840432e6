package io.github.ghcrtools.it.standin;

/**
 * One connection the proxy accepted: the target the client asked for, whether it was let through,
 * and the fault planned for it. The list of these is the proof that nothing but ghcr.io was
 * contacted.
 *
 * @param target the request target as the client sent it, e.g. {@code ghcr.io:443}
 * @param method the request method, {@code CONNECT} for a well-behaved client
 */
public record ProxyConnection(
    String method, String target, boolean allowed, FaultPlan.Fault fault) {}
