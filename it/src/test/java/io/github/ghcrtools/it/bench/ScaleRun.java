package io.github.ghcrtools.it.bench;

/**
 * One timed run of the scale benchmark.
 *
 * @param tool {@code ours}, {@code jib + helm} or {@code maven alone}
 * @param scenario {@code cold}, {@code warm no-op} or {@code one module changed}
 * @param images image modules in the reactor
 * @param requests requests the registry logged during the run
 * @param blobBytes bytes of the blobs whose upload completed (manifests not counted)
 * @param layerBytes the part of {@code blobBytes} that is image layers (the rest: image configs,
 *     SBOMs, provenance, chart configs and archives)
 * @param tokens token fetches the front logged
 */
record ScaleRun(
    String tool,
    String scenario,
    int images,
    int iteration,
    long wallMillis,
    int requests,
    long blobBytes,
    long layerBytes,
    long tokens) {}
