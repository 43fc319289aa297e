package io.dmagent.scomo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * What SCOMO knows of the components it installed: the features of feature packages (their version,
 * description and bundles) and the signer of every package, kept in the data area.
 */
final class FeatureRecords {
  /** A feature installed from a feature package. */
  record InstalledFeature(String name, String version, String description, List<String> bundles) {}

  private final Path features;
  private final Path signers;

  FeatureRecords(Path folder) {
    this.features = folder.resolve("features");
    this.signers = folder.resolve("signers.properties");
  }

  void addFeature(ComponentPackage pkg) throws IOException {
    Properties p = new Properties();
    p.setProperty("version", pkg.version());
    p.setProperty("description", pkg.name());
    p.setProperty(
        "bundles",
        String.join(
            ",", pkg.bundles().stream().map(ComponentPackage.Member::symbolicName).toList()));
    DurableFile.write(features.resolve(pkg.id() + ".properties"), p);
  }

  void removeFeature(String name) throws IOException {
    Files.deleteIfExists(features.resolve(name + ".properties"));
  }

  Optional<InstalledFeature> feature(String name) {
    return all().stream().filter(f -> f.name().equals(name)).findFirst();
  }

  List<InstalledFeature> all() {
    List<InstalledFeature> out = new ArrayList<>();
    if (!Files.isDirectory(features)) {
      return out;
    }
    try (Stream<Path> files = Files.list(features)) {
      for (Path f : files.sorted().toList()) {
        String file = f.getFileName().toString();
        if (!file.endsWith(".properties")) {
          continue;
        }
        Properties p = DurableFile.read(f);
        out.add(
            new InstalledFeature(
                file.substring(0, file.length() - ".properties".length()),
                p.getProperty("version", ""),
                p.getProperty("description", ""),
                Arrays.stream(p.getProperty("bundles", "").split(","))
                    .filter(s -> !s.isBlank())
                    .toList()));
      }
    } catch (IOException e) {
      return out;
    }
    return out;
  }

  synchronized void signer(String component, String dn) throws IOException {
    Properties p = Files.exists(signers) ? DurableFile.read(signers) : new Properties();
    p.setProperty(component, dn);
    DurableFile.write(signers, p);
  }

  synchronized String signer(String component) {
    try {
      return Files.exists(signers) ? DurableFile.read(signers).getProperty(component, "") : "";
    } catch (IOException e) {
      return "";
    }
  }
}
