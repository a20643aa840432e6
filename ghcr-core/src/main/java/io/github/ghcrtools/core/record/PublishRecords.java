package io.github.ghcrtools.core.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.ghcrtools.core.reactor.HeadStart;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads and writes the record files. Writing is deterministic (fixed field order, {@code \n} line
 * ends, ISO-8601 time) so records diff cleanly; reading is strict (unknown schema, unknown or
 * missing fields are errors naming the file) because a deploy from a half-understood record could
 * ship the wrong digest.
 *
 * <p>Publish records are {@code <kind>-<name>.json}; build records are {@code
 * <kind>-<name>.build.json} and are skipped when a folder is gathered with {@link #readAll}.
 */
public final class PublishRecords {

  static final String BUILD_SUFFIX = ".build.json";

  /** Jackson, set up on first use only: finding a record's file needs none of it. */
  private static final class Json {
    static final ObjectMapper MAPPER =
        JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .defaultPropertyInclusion(
                JsonInclude.Value.construct(
                    JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    static final ObjectWriter WRITER =
        MAPPER.writer(
            new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n")));
  }

  private static final AtomicBoolean WARMING = new AtomicBoolean();

  private PublishRecords() {}

  /**
   * {@code <build directory>/ghcr-publish/records}: where every push goal writes its publish
   * record.
   */
  public static Path recordsDirectory(Path buildDirectory) {
    return buildDirectory.resolve("ghcr-publish").resolve("records");
  }

  /**
   * {@code <build directory>/ghcr-publish/build}: where the build and package goals record what
   * they made.
   */
  public static Path buildRecordsDirectory(Path buildDirectory) {
    return buildDirectory.resolve("ghcr-publish").resolve("build");
  }

  /** {@code file} relative to {@code basedir} with {@code /}, as records name files. */
  public static String relative(Path basedir, Path file) {
    try {
      return basedir
          .toAbsolutePath()
          .normalize()
          .relativize(file.toAbsolutePath().normalize())
          .toString()
          .replace('\\', '/');
    } catch (IllegalArgumentException e) {
      return file.toString();
    }
  }

  /** Writes {@code <dir>/<kind>-<name>.json}, replacing an earlier record of the same artifact. */
  public static Path write(Path dir, PublishRecord record) {
    return writeJson(recordFile(dir, record.kind(), record.name()), record);
  }

  /** Where {@link #write} puts the publish record of {@code name}. */
  public static Path recordFile(Path dir, ArtifactKind kind, String name) {
    return dir.resolve(kind.value() + "-" + name + ".json");
  }

  /** Writes {@code <dir>/<kind>-<name>.build.json}. */
  public static Path writeBuild(Path dir, BuildRecord record) {
    return writeJson(buildRecordFile(dir, record.kind(), record.name()), record);
  }

  /** Where {@link #writeBuild} puts the build record of {@code name}. */
  public static Path buildRecordFile(Path dir, ArtifactKind kind, String name) {
    return dir.resolve(kind.value() + "-" + name + BUILD_SUFFIX);
  }

  /** The record as one line of JSON, for handing it between plugins in memory. */
  public static String toJson(PublishRecord record) {
    try {
      return Json.MAPPER.writeValueAsString(record);
    } catch (IOException e) {
      throw new RecordException("cannot write a publish record as JSON: " + e.getMessage(), e);
    }
  }

  /**
   * A sample record written and read back: loads what mapping records takes (Jackson's databind,
   * its Java time module, the record's introspection), about a quarter of a second of one core.
   *
   * @return the sample as read back
   */
  public static PublishRecord mapSample() {
    return fromJson(
        toJson(
            PublishRecord.of(
                ArtifactKind.IMAGE,
                "warm-up",
                "ghcr.io/warm-up/warm-up",
                "sha256:" + "0".repeat(64),
                List.of("1.0.0"),
                "1.0.0",
                null,
                Instant.EPOCH)));
  }

  /**
   * Runs {@link #mapSample} on a daemon thread, once per plugin realm: for a goal that reads the
   * reactor's records only at its end, where that loading would otherwise wait on the run's last
   * step. A failure only loses the head start.
   */
  public static void warmUpInBackground() {
    if (!WARMING.compareAndSet(false, true)) {
      return;
    }
    // a mapper that fails to initialize here fails again when the goal maps its records, as a
    // NoClassDefFoundError whose cause is this error
    HeadStart.start("ghcr-records-warm-up", PublishRecords::mapSample);
  }

  /** A record written by {@link #toJson}, validated like a file. */
  public static PublishRecord fromJson(String json) {
    try {
      return Json.MAPPER.readValue(json, PublishRecord.class);
    } catch (IOException e) {
      throw new RecordException("unreadable publish record: " + e.getMessage(), e);
    }
  }

  public static PublishRecord read(Path file) {
    return readJson(file, PublishRecord.class, "publish record");
  }

  public static BuildRecord readBuild(Path file) {
    return readJson(file, BuildRecord.class, "build record");
  }

  /**
   * Gathers publish records from files and folders ({@code *.json} anywhere below, build records
   * excepted: a deploy job passes the folder a workflow artifact was downloaded to), in argument
   * order and by path within a folder; a file reached twice is read once.
   */
  public static List<PublishRecord> readAll(List<Path> filesOrDirectories) {
    Set<Path> files = new LinkedHashSet<>();
    for (Path path : filesOrDirectories) {
      if (Files.isDirectory(path)) {
        try (Stream<Path> list = Files.walk(path)) {
          list.filter(PublishRecords::isPublishRecordFile)
              .sorted()
              .forEach(p -> files.add(p.toAbsolutePath().normalize()));
        } catch (IOException e) {
          throw new RecordException(path + ": cannot list the folder (" + e.getMessage() + ")", e);
        }
      } else if (Files.isRegularFile(path)) {
        files.add(path.toAbsolutePath().normalize());
      } else {
        throw new RecordException(
            path
                + ": no such file or folder; pass publish record files or folders"
                + " that hold them");
      }
    }
    return files.stream().map(PublishRecords::read).collect(Collectors.toList());
  }

  private static boolean isPublishRecordFile(Path p) {
    String name = p.getFileName().toString();
    return Files.isRegularFile(p) && name.endsWith(".json") && !name.endsWith(BUILD_SUFFIX);
  }

  private static Path writeJson(Path file, Object record) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(
          file, (Json.WRITER.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8));
      return file;
    } catch (IOException e) {
      throw new RecordException(file + ": cannot write the record (" + e.getMessage() + ")", e);
    }
  }

  private static <T> T readJson(Path file, Class<T> type, String what) {
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(Files.readAllBytes(file));
    } catch (JsonProcessingException e) {
      throw new RecordException(file + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
    } catch (IOException e) {
      throw new RecordException(
          file + ": cannot read the " + what + " (" + e.getClass().getSimpleName() + ")", e);
    }
    if (tree == null || !tree.isObject()) {
      throw new RecordException(file + ": not a " + what + " (expected a JSON object)");
    }
    JsonNode schema = tree.get("schema");
    if (schema == null || schema.isNull()) {
      throw new RecordException(
          file
              + ": field 'schema' is missing; this version reads schema "
              + PublishRecord.SCHEMA
              + " "
              + what
              + "s");
    }
    if (!schema.isInt() || schema.intValue() != PublishRecord.SCHEMA) {
      throw new RecordException(
          file
              + ": unknown schema "
              + schema
              + "; this version reads schema "
              + PublishRecord.SCHEMA
              + ", use a plugin version that matches the one that wrote it");
    }
    // Unknown fields first: a build record passed as a publish record reads better as
    // "unknown field 'file'" than as "field 'repository' is missing".
    Set<String> known =
        Arrays.stream(type.getRecordComponents())
            .map(RecordComponent::getName)
            .collect(Collectors.toSet());
    for (String field : (Iterable<String>) tree::fieldNames) {
      if (!known.contains(field)) {
        throw new RecordException(
            file
                + ": unknown field '"
                + field
                + "' in a schema "
                + PublishRecord.SCHEMA
                + " "
                + what);
      }
    }
    try {
      return Json.MAPPER.treeToValue(tree, type);
    } catch (UnrecognizedPropertyException e) {
      throw new RecordException(
          file
              + ": unknown field '"
              + e.getPropertyName()
              + "' in a schema "
              + PublishRecord.SCHEMA
              + " "
              + what,
          e);
    } catch (JsonMappingException e) {
      RecordException ours = findCause(e);
      if (ours != null) {
        throw new RecordException(file + ": " + ours.getMessage(), e);
      }
      throw new RecordException(
          file + ": field '" + path(e) + "' is invalid (" + e.getOriginalMessage() + ")", e);
    } catch (JsonProcessingException e) {
      throw new RecordException(file + ": " + e.getOriginalMessage(), e);
    }
  }

  private static RecordException findCause(Throwable t) {
    for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
      if (c instanceof RecordException r) {
        return r;
      }
    }
    return null;
  }

  private static String path(JsonMappingException e) {
    List<String> names = new ArrayList<>();
    for (JsonMappingException.Reference ref : e.getPath()) {
      names.add(ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]");
    }
    return String.join(".", names);
  }
}
