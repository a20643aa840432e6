package io.github.ghcrtools.deploy.release;

import io.github.ghcrtools.core.registry.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The files of {@code target/release/}: the assets copied in under unique names, the notes, the
 * lineage {@code release.json}, and {@code SHA256SUMS} over every file a GitHub Release carries
 * (all but the notes, which become its body), in {@code sha256sum}'s format so that {@code
 * sha256sum -c SHA256SUMS} checks a download.
 */
public final class ReleaseAssets {

  public static final String NOTES = "notes.md";
  public static final String LINEAGE = "release.json";
  public static final String CHECKSUMS = "SHA256SUMS";

  private ReleaseAssets() {}

  /** A file to attach, under the name it gets in the release. */
  public record Asset(Path source, String name) {}

  /**
   * Removes what an earlier run wrote (the files its {@code SHA256SUMS} lists and the three own
   * files, nothing else: the folder may be shared), then copies the assets in.
   *
   * @return the assets' names, sorted
   */
  public static List<String> copy(Path directory, List<Asset> assets) throws IOException {
    clean(directory);
    Files.createDirectories(directory);
    Set<String> names = new TreeSet<>();
    for (Asset asset : assets) {
      if (!names.add(asset.name())) {
        throw new IllegalStateException("two release assets are named " + asset.name());
      }
      Files.copy(
          asset.source(), directory.resolve(asset.name()), StandardCopyOption.REPLACE_EXISTING);
    }
    return List.copyOf(names);
  }

  /**
   * Writes {@code release.json}, {@code SHA256SUMS} (over the assets and the lineage), the notes.
   */
  public static void write(Path directory, List<String> assets, String lineage, String notes)
      throws IOException {
    Files.writeString(directory.resolve(LINEAGE), lineage, StandardCharsets.UTF_8);
    List<String> summed = new ArrayList<>(assets);
    summed.add(LINEAGE);
    Files.writeString(
        directory.resolve(CHECKSUMS), checksums(directory, summed), StandardCharsets.UTF_8);
    Files.writeString(directory.resolve(NOTES), notes, StandardCharsets.UTF_8);
  }

  /** {@code <hex> <name>} lines, sorted by name, as {@code sha256sum} writes them. */
  static String checksums(Path directory, List<String> names) throws IOException {
    StringBuilder sums = new StringBuilder();
    for (String name : new TreeSet<>(names)) {
      String digest = Sha256.digestOf(directory.resolve(name));
      sums.append(digest.substring("sha256:".length())).append("  ").append(name).append('\n');
    }
    return sums.toString();
  }

  private static void clean(Path directory) throws IOException {
    Path sums = directory.resolve(CHECKSUMS);
    if (Files.isRegularFile(sums)) {
      for (String line : Files.readAllLines(sums, StandardCharsets.UTF_8)) {
        int gap = line.indexOf("  ");
        if (gap > 0) {
          Path old = directory.resolve(line.substring(gap + 2)).normalize();
          if (old.getParent() != null && old.getParent().equals(directory.normalize())) {
            Files.deleteIfExists(old);
          }
        }
      }
    }
    for (String own : List.of(NOTES, LINEAGE, CHECKSUMS)) {
      Files.deleteIfExists(directory.resolve(own));
    }
  }
}
