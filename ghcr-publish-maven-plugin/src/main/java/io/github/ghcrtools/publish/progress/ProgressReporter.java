package io.github.ghcrtools.publish.progress;

import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.event.events.ProgressEvent;
import com.google.cloud.tools.jib.event.progress.Allocation;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Jib's build events and the push's blob uploads into a Maven-friendly log: one compact
 * progress line at most every two seconds, one line per built layer and per blob sent or found
 * present, Jib's own warnings as warnings and its chatter at debug. Silent when the log's info
 * level is off ({@code mvn -q}). Thread-safe: events come from worker threads.
 */
public final class ProgressReporter {

  static final Duration INTERVAL = Duration.ofSeconds(2);
  private static final Pattern LAYER = Pattern.compile("building (.+) layer");

  private final BuildLog log;
  private final String prefix;
  private final LongSupplier nanoClock;
  private final LayerTally tally = new LayerTally();
  private final Map<Allocation, Long> done = new IdentityHashMap<>();
  private double progress;
  private long lastLine = Long.MIN_VALUE;

  /**
   * @param prefix what the lines talk about, e.g. the image name
   * @param nanoClock {@link System#nanoTime()} in production
   */
  public ProgressReporter(BuildLog log, String prefix, LongSupplier nanoClock) {
    this.log = log;
    this.prefix = prefix;
    this.nanoClock = nanoClock;
  }

  public ProgressReporter(BuildLog log, String prefix) {
    this(log, prefix, System::nanoTime);
  }

  public LayerTally tally() {
    return tally;
  }

  /**
   * Same arithmetic as Jib's ProgressEventHandler: each unit is worth a fixed share of the root.
   */
  public void onProgress(ProgressEvent event) {
    Allocation allocation = event.getAllocation();
    long units = allocation.getAllocationUnits();
    boolean finished;
    double overall;
    synchronized (done) {
      long sum = done.merge(allocation, event.getUnits(), Long::sum);
      finished = units > 0 && sum >= units && sum - event.getUnits() < units;
      progress += allocation.getFractionOfRoot() * event.getUnits();
      overall = Math.min(1.0, progress);
    }
    if (finished) {
      onFinished(allocation);
    } else {
      onUpdate(overall, allocation.getDescription());
    }
  }

  public void onLog(LogEvent event) {
    String message = event.getMessage();
    switch (event.getLevel()) {
      case ERROR, WARN -> log.warn(message);
      case LIFECYCLE -> {
        if (log.isInfoEnabled()) {
          log.info(message);
        }
      }
      case PROGRESS -> {
        // Our own progress line replaces Jib's.
      }
      default -> {
        if (log.isDebugEnabled()) {
          log.debug(message);
        }
      }
    }
  }

  private void onFinished(Allocation allocation) {
    String description = allocation.getDescription();
    Matcher layer = LAYER.matcher(description);
    if (layer.matches()) {
      info(prefix + ": built " + layer.group(1) + " layer");
    }
  }

  /** A blob the registry already had: nothing sent. */
  public void blobPresent(String digest) {
    tally.present(digest);
    info(prefix + ": " + shortDigest(digest) + " already present");
  }

  /**
   * A blob the registry mounted from {@code from}, another repository of this run: nothing sent.
   */
  public void blobMounted(String digest, String from) {
    tally.mounted(digest);
    info(prefix + ": " + shortDigest(digest) + " mounted from ghcr.io/" + from);
  }

  /** Bytes of one blob upload as they go: a progress line at most every two seconds. */
  public Consumer<Long> uploadProgress(String digest, long size) {
    AtomicLong sent = new AtomicLong();
    String task = "uploading " + shortDigest(digest);
    return bytes ->
        onUpdate(size <= 0 ? 0 : Math.min(1.0, sent.addAndGet(bytes) / (double) size), task);
  }

  /** A blob sent in full. */
  public void blobUploaded(String digest, long size) {
    info(prefix + ": uploaded " + shortDigest(digest) + " (" + size(size) + ")");
  }

  private void onUpdate(double overall, String task) {
    if (!log.isInfoEnabled()) {
      return;
    }
    long now = nanoClock.getAsLong();
    synchronized (this) {
      if (lastLine != Long.MIN_VALUE && now - lastLine < INTERVAL.toNanos()) {
        return;
      }
      lastLine = now;
    }
    log.info(String.format(Locale.ROOT, "%s: %3.0f%% %s", prefix, overall * 100, abbreviate(task)));
  }

  private void info(String line) {
    if (log.isInfoEnabled()) {
      log.info(line);
    }
  }

  static String shortDigest(String digest) {
    return digest.length() > 19 ? digest.substring(0, 19) : digest;
  }

  private static String abbreviate(String task) {
    return task.replaceAll("sha256:([0-9a-f]{12})[0-9a-f]{52}", "sha256:$1");
  }

  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }
}
