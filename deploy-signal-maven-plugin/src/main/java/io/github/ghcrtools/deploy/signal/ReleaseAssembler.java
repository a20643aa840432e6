package io.github.ghcrtools.deploy.signal;

import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.PublishRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns the publish records of a build into the one {@link Release} the signal announces, and
 * refuses every set of records that would make the runner deploy something other than exactly what
 * was pushed: several or no charts, an image without digest, a registry other than ghcr.io,
 * clashing names, or records of different commits.
 */
public final class ReleaseAssembler {

  private static final Pattern LOGICAL_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

  private ReleaseAssembler() {}

  /**
   * @param records every record gathered
   * @param chartName the chart to deploy when several were published; null or blank for "the only
   *     one"
   */
  public static Release assemble(List<PublishRecord> gathered, String chartName) {
    // the same record reached twice (reactor folder and a downloaded copy) counts once
    List<PublishRecord> records = gathered.stream().distinct().toList();
    if (records.isEmpty()) {
      throw new SignalException(
          "No publish records found: run ghcr:push and helm-oci:push before"
              + " deploy-signal:signal, or pass record files with -Ddeploy-signal.records=<files or folders>");
    }
    PublishRecord chart = chooseChart(records, chartName);
    var images = new TreeMap<String, String>();
    for (PublishRecord image : records) {
      if (image.kind() != ArtifactKind.IMAGE) {
        continue;
      }
      checkName(image);
      String reference = pinnedReference(image);
      if (images.put(image.name(), reference) != null) {
        throw new SignalException(
            "Two image records share the logical name '"
                + image.name()
                + "': give each image a unique name (ghcr.image) or pass each record once");
      }
    }
    checkOneRevision(records);
    // a PublishRecord is valid by construction: ghcr.io repository, digest, and a version for
    // charts
    return new Release(
        "oci://" + chart.repository(),
        chart.version(),
        Collections.unmodifiableSortedMap(images),
        chart.revision());
  }

  private static PublishRecord chooseChart(List<PublishRecord> records, String chartName) {
    List<PublishRecord> charts =
        records.stream().filter(r -> r.kind() == ArtifactKind.CHART).toList();
    boolean named = chartName != null && !chartName.isBlank();
    if (named) {
      List<PublishRecord> matching =
          charts.stream().filter(c -> c.name().equals(chartName)).toList();
      if (matching.size() != 1) {
        throw new SignalException(
            (matching.isEmpty() ? "No chart record named '" : "Several chart records named '")
                + chartName
                + "' (deploy-signal.chart); charts found: "
                + names(charts));
      }
      return matching.get(0);
    }
    if (charts.size() != 1) {
      throw new SignalException(
          charts.isEmpty()
              ? "No chart record found: the signal needs exactly one chart pushed by helm-oci:push"
              : "Several chart records found "
                  + names(charts)
                  + ": choose one with -Ddeploy-signal.chart=<name> (or env CHART_ID)");
    }
    return charts.get(0);
  }

  private static void checkName(PublishRecord image) {
    if (image.name() == null || !LOGICAL_NAME.matcher(image.name()).matches()) {
      throw new SignalException(
          "Image record name '"
              + image.name()
              + "' is not a valid logical name:"
              + " use lowercase letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
  }

  /**
   * {@code ghcr.io/<owner>/<repo>:<tag>@sha256:<digest>}: the record's most specific tag and its
   * digest.
   */
  private static String pinnedReference(PublishRecord image) {
    if (image.tags().isEmpty()) {
      throw new SignalException("Image record '" + image.name() + "' has no tag: re-run ghcr:push");
    }
    return image.immutableReference();
  }

  private static void checkOneRevision(List<PublishRecord> records) {
    var revisions =
        records.stream()
            .map(PublishRecord::revision)
            .filter(Objects::nonNull)
            .collect(Collectors.toCollection(java.util.TreeSet::new));
    if (revisions.size() > 1) {
      throw new SignalException(
          "The publish records come from different commits "
              + revisions
              + ": deploy records of one build only (clean target/ or pass the right record files)");
    }
  }

  private static List<String> names(List<PublishRecord> charts) {
    var names = new ArrayList<String>();
    charts.forEach(c -> names.add(c.name()));
    return names;
  }
}
