package io.dmagent.scomo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Packages downloaded and verified but not installed ({@code Inventory/Delivered}), each in a
 * folder of the bundle's data area named as its node: the package and what is known of it.
 */
final class DeliveredStore {
  static final String PACKAGE = "package.jar";
  private static final String INFO = "info.properties";

  /** One delivered package. */
  record Delivered(
      String node,
      String pkgId,
      String name,
      String version,
      String signer,
      String sha256,
      boolean feature,
      Path file) {}

  private final Path folder;
  private final Consumer<String> warn;

  DeliveredStore(Path folder, Consumer<String> warn) {
    this.folder = folder;
    this.warn = warn;
  }

  /** Moves a verified package in as {@code node}, replacing one delivered before under it. */
  Delivered add(String node, Path verified, Delivered info) throws IOException {
    Path dir = folder.resolve(node);
    Files.createDirectories(dir);
    Path file = dir.resolve(PACKAGE);
    Files.copy(verified, file, StandardCopyOption.REPLACE_EXISTING);
    Properties p = new Properties();
    p.setProperty("pkgId", info.pkgId());
    p.setProperty("name", info.name());
    p.setProperty("version", info.version());
    p.setProperty("signer", info.signer());
    p.setProperty("sha256", info.sha256());
    p.setProperty("feature", Boolean.toString(info.feature()));
    DurableFile.write(dir.resolve(INFO), p);
    return find(node).orElseThrow();
  }

  Optional<Delivered> find(String node) {
    Path dir = folder.resolve(node);
    if (!Files.isRegularFile(dir.resolve(INFO)) || !Files.isRegularFile(dir.resolve(PACKAGE))) {
      return Optional.empty();
    }
    try {
      Properties p = DurableFile.read(dir.resolve(INFO));
      return Optional.of(
          new Delivered(
              node,
              p.getProperty("pkgId", node),
              p.getProperty("name", ""),
              p.getProperty("version", ""),
              p.getProperty("signer", ""),
              p.getProperty("sha256", ""),
              Boolean.parseBoolean(p.getProperty("feature")),
              dir.resolve(PACKAGE)));
    } catch (IOException e) {
      warn.accept("cannot read the delivered package " + node + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  List<Delivered> all() {
    List<Delivered> out = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return out;
    }
    try (Stream<Path> dirs = Files.list(folder)) {
      for (Path dir : dirs.sorted().toList()) {
        find(dir.getFileName().toString()).ifPresent(out::add);
      }
    } catch (IOException e) {
      warn.accept("cannot list the delivered packages: " + e.getMessage());
    }
    return out;
  }

  void remove(String node) throws IOException {
    Path dir = folder.resolve(node);
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
