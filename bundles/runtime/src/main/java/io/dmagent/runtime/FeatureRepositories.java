package io.dmagent.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The features the gateway can run: those of the distribution's descriptor ({@code
 * system/features.xml}) and those of every feature repository dropped into {@code <home>/features/}
 * (any {@code *.xml} in Karaf's format, its bundles beside it), so a vendor adds features without
 * editing the distribution's file. A dropped repository is taken as a whole or not at all: one that
 * does not parse, declares a feature that another repository already declares (the distribution's
 * features cannot be replaced), or names a bundle by anything but {@code mvn:} is left out, with
 * one ERROR line per version of the file. The distribution's descriptor itself must read.
 */
final class FeatureRepositories {
  /** A features file larger than this is no hand-written descriptor. */
  static final long MAX_BYTES = 1 << 20;

  private final Path descriptor;
  private final Path system;
  private final Path dropped;
  private final Consumer<String> error;

  /** The version (modified time and size) of each refused file that was reported. */
  private final Map<Path, String> reported = new HashMap<>();

  /**
   * @param error receives one line per refused repository file, once per version of the file
   */
  FeatureRepositories(Path descriptor, Path system, Path dropped, Consumer<String> error) {
    this.descriptor = descriptor;
    this.system = system;
    this.dropped = dropped;
    this.error = error;
  }

  /** A repository file read, with the features it brought or why it was refused. */
  record Source(Path file, List<String> features, String refusal) {
    boolean refused() {
      return refusal != null;
    }

    @Override
    public String toString() {
      return refused()
          ? file.getFileName() + " refused: " + refusal
          : file.getFileName() + " (" + String.join(", ", features) + ")";
    }
  }

  /** Every feature, and what each repository file contributed. */
  record Snapshot(FeatureRepository repository, List<Source> sources) {}

  /**
   * Reads the descriptor and the dropped repositories.
   *
   * @throws IOException when the distribution's descriptor cannot be read
   */
  synchronized Snapshot read() throws IOException {
    Map<String, Feature> all;
    try (InputStream in = Files.newInputStream(descriptor)) {
      all = new LinkedHashMap<>(FeaturesXml.read(in));
    }
    Map<String, Path> declaredIn = new HashMap<>();
    all.keySet().forEach(name -> declaredIn.put(name, descriptor));
    List<Source> sources = new ArrayList<>();
    sources.add(new Source(descriptor, List.copyOf(all.keySet()), null));
    for (Path file : droppedFiles()) {
      Source source = merge(file, all, declaredIn);
      sources.add(source);
      if (source.refused()) {
        report(file, source.refusal());
      } else {
        reported.remove(file);
      }
    }
    return new Snapshot(new FeatureRepository(all, system, List.of(dropped)), sources);
  }

  private Source merge(Path file, Map<String, Feature> all, Map<String, Path> declaredIn) {
    Map<String, Feature> mine;
    try {
      mine = parse(file);
    } catch (IOException e) {
      return new Source(file, List.of(), e.getMessage());
    }
    for (Feature f : mine.values()) {
      Path other = declaredIn.get(f.name());
      if (other != null) {
        return new Source(
            file,
            List.of(),
            "feature '" + f.name() + "' is already declared by " + relative(other));
      }
      for (String location : f.bundles()) {
        String problem = locationProblem(location);
        if (problem != null) {
          return new Source(file, List.of(), "feature '" + f.name() + "': " + problem);
        }
      }
    }
    all.putAll(mine);
    mine.keySet().forEach(name -> declaredIn.put(name, file));
    return new Source(file, List.copyOf(mine.keySet()), null);
  }

  private static Map<String, Feature> parse(Path file) throws IOException {
    if (Files.size(file) > MAX_BYTES) {
      throw new IOException("larger than " + MAX_BYTES / 1024 + " KB");
    }
    try (InputStream in = Files.newInputStream(file)) {
      Map<String, Feature> features = FeaturesXml.read(in);
      if (features.isEmpty()) {
        throw new IOException("declares no feature");
      }
      return features;
    }
  }

  /** Only {@code mvn:} locations: they are the ones the runtime uninstalls when a feature goes. */
  private static String locationProblem(String location) {
    if (!location.startsWith("mvn:")) {
      return "bundle location '" + location + "' is not mvn:groupId/artifactId/version";
    }
    try {
      MavenCoordinates.parse(location);
      return null;
    } catch (IOException e) {
      return e.getMessage();
    }
  }

  private List<Path> droppedFiles() throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dropped, "*.xml")) {
      files.forEach(f -> out.add(f));
    } catch (NoSuchFileException none) {
      return out;
    } catch (IOException e) {
      error.accept("cannot list the feature repositories in " + dropped + ": " + e.getMessage());
      return out;
    }
    out.removeIf(f -> !Files.isRegularFile(f));
    out.sort(null); // an order that does not depend on the file system: who declares a name first
    return out;
  }

  private void report(Path file, String refusal) {
    String version;
    try {
      version = Files.getLastModifiedTime(file) + "/" + Files.size(file);
    } catch (IOException e) {
      version = "unreadable";
    }
    if (!version.equals(reported.put(file, version))) {
      error.accept(
          "feature repository "
              + relative(file)
              + " refused: "
              + refusal
              + "; its features are not available, the running features stay");
    }
  }

  private String relative(Path file) {
    Path home = dropped.getParent();
    return home != null && file.startsWith(home)
        ? home.relativize(file).toString()
        : file.toString();
  }
}
