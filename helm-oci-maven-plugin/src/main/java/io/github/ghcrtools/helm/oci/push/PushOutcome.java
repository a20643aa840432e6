package io.github.ghcrtools.helm.oci.push;

import io.github.ghcrtools.core.policy.GhcrReference;

/**
 * What a push run did, for the log line, the records and the tests.
 *
 * @param reference {@code ghcr.io/<owner>/charts/<name>:<tag>@<digest>}; null when the target could
 *     not be named (skipped without an owner)
 * @param blobsUploaded blobs sent to the registry
 * @param blobsMounted blobs the registry mounted from another repository of the run
 * @param blobsPresent blobs the registry already had
 * @param reason why nothing was pushed ({@link Status#SKIPPED}), else null
 * @param replaced the digest the version's tag points at and this push replaces on purpose ({@code
 *     allowOverwrite}), else null
 */
public record PushOutcome(
    Status status,
    String chart,
    String version,
    GhcrReference reference,
    int blobsUploaded,
    int blobsMounted,
    int blobsPresent,
    String reason,
    String replaced) {

  /** The three ways a push run ends well. */
  public enum Status {
    /** Blobs were uploaded as needed; the manifest goes with the release. */
    PUSHED,
    /** The tag already pointed at this exact manifest: nothing was uploaded. */
    ALREADY_PRESENT,
    /** The run is not trusted to push (pull request, local build...): nothing was contacted. */
    SKIPPED
  }

  /** The line logged once the chart is published. */
  public String line() {
    return status == Status.ALREADY_PRESENT
        ? "Chart " + ociReference() + " already present, nothing uploaded"
        : "Pushed chart "
            + ociReference()
            + " ("
            + blobsUploaded
            + " blob(s) uploaded, "
            + (blobsMounted > 0
                ? blobsMounted + " mounted from another repository of this run, "
                : "")
            + blobsPresent
            + " already present)";
  }

  /** {@code oci://ghcr.io/...:<tag>@sha256:...}, the form Helm users paste. */
  public String ociReference() {
    return reference == null ? null : "oci://" + reference;
  }
}
