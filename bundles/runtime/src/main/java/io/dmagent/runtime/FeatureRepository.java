package io.dmagent.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The features of one descriptor (or of several merged) and where their bundles are: {@code mvn:}
 * locations map to the {@code system/} folder laid out as a Maven repository, as Karaf's is, and
 * then to the further bundle folders, in order (a vendor's {@code features/} folder: Maven layout,
 * or the jar named {@code <artifactId>-<version>.jar} lying there).
 */
public final class FeatureRepository {
  private final Map<String, Feature> features;
  private final Path system;
  private final List<Path> moreFolders;

  public FeatureRepository(Map<String, Feature> features, Path system) {
    this(features, system, List.of());
  }

  /**
   * @param moreFolders searched after {@code system} for the bundles of {@code mvn:} locations, so
   *     a file in them never replaces one the distribution ships
   */
  public FeatureRepository(Map<String, Feature> features, Path system, List<Path> moreFolders) {
    this.features = Map.copyOf(features);
    this.system = system;
    this.moreFolders = List.copyOf(moreFolders);
  }

  public static FeatureRepository load(Path descriptor, Path system) throws IOException {
    try (InputStream in = Files.newInputStream(descriptor)) {
      return new FeatureRepository(FeaturesXml.read(in), system);
    }
  }

  public Collection<Feature> features() {
    return features.values();
  }

  public Optional<Feature> feature(String name) {
    return Optional.ofNullable(features.get(name));
  }

  /**
   * Every bundle location the feature needs, its referenced features' first, each once, in install
   * order.
   *
   * @throws UnknownFeatureException when the feature or one it references is not declared
   */
  public List<String> bundlesOf(String name) throws UnknownFeatureException {
    Set<String> out = new LinkedHashSet<>();
    collect(name, out, new LinkedHashSet<>());
    return new ArrayList<>(out);
  }

  private void collect(String name, Set<String> out, Set<String> visiting)
      throws UnknownFeatureException {
    Feature f = features.get(name);
    if (f == null) {
      throw new UnknownFeatureException(name);
    }
    if (!visiting.add(name)) {
      return;
    }
    for (String ref : f.features()) {
      collect(ref, out, visiting);
    }
    out.addAll(f.bundles());
  }

  /**
   * The names of the feature and of every feature it refers to, directly or not.
   *
   * @throws UnknownFeatureException when the feature or one it references is not declared
   */
  public Set<String> closureOf(String name) throws UnknownFeatureException {
    Set<String> visiting = new LinkedHashSet<>();
    collect(name, new LinkedHashSet<>(), visiting);
    return visiting;
  }

  /**
   * The file of a bundle location ({@code mvn:group/artifact/version}, or a plain path or {@code
   * file:} URL).
   */
  public Path file(String location) throws IOException {
    if (location.startsWith("mvn:")) {
      MavenCoordinates coordinates = MavenCoordinates.parse(location);
      Path shipped = system.resolve(coordinates.repositoryPath());
      if (Files.exists(shipped)) {
        return shipped;
      }
      for (Path folder : moreFolders) {
        for (Path candidate :
            List.of(
                folder.resolve(coordinates.repositoryPath()),
                folder.resolve(coordinates.fileName()))) {
          if (Files.exists(candidate)) {
            return candidate;
          }
        }
      }
      return shipped; // missing: the install names it
    }
    if (location.startsWith("file:")) {
      return Path.of(java.net.URI.create(location));
    }
    return system.resolve(location);
  }

  /** A feature name that no descriptor declares. */
  public static final class UnknownFeatureException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnknownFeatureException(String name) {
      super("no feature named '" + name + "'");
    }
  }
}
