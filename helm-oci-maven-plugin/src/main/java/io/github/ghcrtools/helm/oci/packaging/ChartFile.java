package io.github.ghcrtools.helm.oci.packaging;

import java.util.Arrays;
import java.util.Objects;

/**
 * One file of a chart as Helm's loader holds it: a {@code /}-separated path relative to the chart
 * root (or, in an archive layout, the full entry name) and its bytes, UTF-8 BOM removed.
 */
public record ChartFile(String path, byte[] data) {

  public ChartFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(data, "data");
  }

  /** The first path segment ({@code templates} for {@code templates/a.yaml}). */
  String topSegment() {
    int slash = path.indexOf('/');
    return slash < 0 ? path : path.substring(0, slash);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChartFile other
        && path.equals(other.path)
        && Arrays.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    return 31 * path.hashCode() + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return path + " (" + data.length + " bytes)";
  }

  static byte[] withoutBom(byte[] data) {
    if (data.length >= 3
        && (data[0] & 0xFF) == 0xEF
        && (data[1] & 0xFF) == 0xBB
        && (data[2] & 0xFF) == 0xBF) {
      return Arrays.copyOfRange(data, 3, data.length);
    }
    return data;
  }
}
