package io.github.ghcrtools.it.standin;

import java.util.List;

/**
 * What the ITs count in the front's log: token requests and /v2/ requests with Basic credentials.
 */
public final class FrontRequests {

  private FrontRequests() {}

  /** The requests the front logged from {@code from} on. */
  public static List<FrontRequest> since(GhcrStandIn standIn, int from) {
    List<FrontRequest> all = standIn.frontRequests();
    return List.copyOf(all.subList(from, all.size()));
  }

  /** Requests to /v2/ carrying Basic credentials, which ghcr.io refuses. */
  public static long basicOnV2(List<FrontRequest> requests) {
    return requests.stream()
        .filter(r -> r.path().startsWith("/v2") && r.auth().equals(FrontRequest.BASIC))
        .count();
  }

  /** Requests to the token service. */
  public static long tokens(List<FrontRequest> requests) {
    return requests.stream().filter(r -> r.path().equals("/token")).count();
  }
}
