package io.github.ghcrtools.publish.image;

import io.github.ghcrtools.core.registry.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.stream.Stream;

/**
 * One SHA-256 over everything that decides the image archive's bytes: the plugin version, the
 * container spec, the tags, the base image, and the project's files (class and resource contents;
 * dependency jars by path, size and time). When it equals the one stored beside the archive, the
 * archive is still the image this build would make, so it is not made again. A base image pulled by
 * tag can change under the same name: then there is no fingerprint and the image is always built.
 */
final class BuildInputs {

  private BuildInputs() {}

  /** Empty when the inputs cannot be pinned down (a registry base image without a digest). */
  static Optional<String> fingerprint(BuildRequest request) throws IOException {
    MessageDigest sha = Sha256.newDigest();
    line(sha, "tool " + request.toolVersion());
    line(sha, "target " + describe(request.target()) + " tags " + request.tags().names());
    line(sha, "spec " + describe(request.spec()));
    BaseImage base = request.spec().baseImage();
    if (base instanceof BaseImage.LocalTar tar) {
      stamp(sha, tar.file());
    } else if (base instanceof BaseImage.OciLayoutDirectory layout) {
      tree(sha, layout.directory(), false);
    } else if (base instanceof BaseImage.Registry registry
        && !registry.reference().contains("@sha256:")) {
      return Optional.empty();
    }
    ProjectFiles files = request.files();
    tree(sha, files.classesDirectory(), true);
    for (Path jar : files.dependencies()) {
      stamp(sha, jar);
    }
    for (Path jar : files.snapshotDependencies()) {
      content(sha, jar);
    }
    if (request.spec().mainClass() == null && files.projectJar().isPresent()) {
      content(sha, files.projectJar().get()); // the Main-Class comes from its manifest
    }
    for (Path directory : files.extraDirectories()) {
      tree(sha, directory, true);
    }
    return Optional.of(HexFormat.of().formatHex(sha.digest()));
  }

  /** Path, size and modification time: for files that only change by being replaced. */
  private static void stamp(MessageDigest sha, Path file) throws IOException {
    if (Files.exists(file)) {
      line(
          sha,
          "file "
              + file
              + " "
              + Files.size(file)
              + " "
              + Files.getLastModifiedTime(file).toMillis());
    } else {
      line(sha, "missing " + file);
    }
  }

  private static void content(MessageDigest sha, Path file) throws IOException {
    line(sha, "content " + file);
    if (Files.isRegularFile(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
          sha.update(buffer, 0, n);
        }
      }
    }
  }

  private static void tree(MessageDigest sha, Path root, boolean contents) throws IOException {
    line(sha, "tree " + root);
    if (!Files.isDirectory(root)) {
      return;
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path file : files) {
      line(
          sha,
          root.relativize(file).toString().replace('\\', '/') + " " + Files.isExecutable(file));
      if (contents) {
        content(sha, file);
      } else {
        stamp(sha, file);
      }
    }
  }

  /**
   * A value as text for the fingerprint: a record by the name and value of every component, nested
   * records and collections alike, so a component added later is covered without a line here.
   * Strings are quoted, so that {@code ["a, b"]} and {@code ["a", "b"]} differ; a map or set of no
   * fixed order is sorted. Not the record's own {@code toString}: the JDK links each record's
   * generated methods on first use, and the two records here cost about 50 ms on an up-to-date
   * build's critical path that way (plain loops here, for the same reason).
   */
  static String describe(Object value) {
    StringBuilder text = new StringBuilder();
    append(text, value);
    return text.toString();
  }

  private static void append(StringBuilder text, Object value) {
    if (value instanceof CharSequence chars) {
      text.append('"');
      for (int i = 0; i < chars.length(); i++) {
        char c = chars.charAt(i);
        text.append(c == '"' || c == '\\' ? "\\" : "").append(c);
      }
      text.append('"');
    } else if (value instanceof Record record) {
      text.append(record.getClass().getSimpleName()).append('[');
      RecordComponent[] components = record.getClass().getRecordComponents();
      for (int i = 0; i < components.length; i++) {
        text.append(i == 0 ? "" : ", ").append(components[i].getName()).append('=');
        append(text, component(record, components[i]));
      }
      text.append(']');
    } else if (value instanceof Map<?, ?> map) {
      List<String> entries = new ArrayList<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        entries.add(describe(entry.getKey()) + "=" + describe(entry.getValue()));
      }
      joined(text, entries, !(map instanceof SortedMap || map instanceof LinkedHashMap), "{", "}");
    } else if (value instanceof Collection<?> values) {
      List<String> items = new ArrayList<>();
      for (Object item : values) {
        items.add(describe(item));
      }
      boolean unordered =
          values instanceof Set
              && !(values instanceof SortedSet || values instanceof LinkedHashSet);
      joined(text, items, unordered, "[", "]");
    } else if (value != null && value.getClass().isArray()) {
      List<String> items = new ArrayList<>();
      for (int i = 0; i < Array.getLength(value); i++) {
        items.add(describe(Array.get(value, i)));
      }
      joined(text, items, false, "[", "]");
    } else if (value instanceof Optional<?> optional) {
      if (optional.isPresent()) {
        append(text.append("Optional["), optional.get());
        text.append(']');
      } else {
        text.append("Optional.empty");
      }
    } else {
      text.append(value); // null, numbers, booleans, enums, times, paths
    }
  }

  private static void joined(
      StringBuilder text, List<String> items, boolean sort, String open, String close) {
    if (sort) {
      Collections.sort(items);
    }
    text.append(open).append(String.join(", ", items)).append(close);
  }

  private static Object component(Record record, RecordComponent component) {
    try {
      Method accessor = component.getAccessor();
      accessor.trySetAccessible();
      return accessor.invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "cannot read " + record.getClass().getName() + "." + component.getName(), e);
    }
  }

  private static void line(MessageDigest sha, String text) {
    sha.update((text + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
