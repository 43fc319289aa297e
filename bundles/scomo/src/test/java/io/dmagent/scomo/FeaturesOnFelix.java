package io.dmagent.scomo;

import io.dmagent.api.feature.Feature;
import io.dmagent.api.feature.FeatureChange;
import io.dmagent.api.feature.Features;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The runtime's feature service as SCOMO sees it, on the test's real Felix: each feature is one
 * bundle, installed and started or uninstalled; the transport feature is never uninstalled (the
 * runtime's refusal of a set that cannot reach a DM server). The runtime's own checks are tested in
 * the runtime bundle and, with SCOMO, in the distribution's ScomoIT.
 */
final class FeaturesOnFelix implements Features {
  static final String REFUSAL = "the set leaves no way to reach a DM server";

  private final BundleContext context;
  private final String transport;
  private final Map<String, Path> jars = new LinkedHashMap<>();
  private final Set<String> installed = new LinkedHashSet<>();
  final List<String> calls = new ArrayList<>();

  FeaturesOnFelix(BundleContext context, String transport) {
    this.context = context;
    this.transport = transport;
  }

  void declare(String name, Path jar, boolean install) throws Exception {
    jars.put(name, jar);
    if (install) {
      install(name);
      calls.clear();
    }
  }

  private static String location(Path jar) {
    return jar.toUri().toString();
  }

  @Override
  public List<Feature> features() {
    List<Feature> out = new ArrayList<>();
    jars.forEach(
        (name, jar) ->
            out.add(
                new Feature(
                    name,
                    "1.0.0",
                    "the " + name,
                    List.of(location(jar)),
                    installed.contains(name),
                    false)));
    return out;
  }

  @Override
  public Optional<Feature> feature(String name) {
    return features().stream().filter(f -> f.name().equals(name)).findFirst();
  }

  @Override
  public FeatureChange install(String name) {
    calls.add("install " + name);
    if (!installed.add(name)) {
      return change(name, FeatureChange.Outcome.UNCHANGED, "already installed");
    }
    try (InputStream in = Files.newInputStream(jars.get(name))) {
      context.installBundle(location(jars.get(name)), in).start();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return change(name, FeatureChange.Outcome.APPLIED, "installed feature " + name);
  }

  @Override
  public FeatureChange uninstall(String name) {
    calls.add("uninstall " + name);
    if (name.equals(transport)) {
      return change(name, FeatureChange.Outcome.REFUSED, "refused: " + REFUSAL);
    }
    if (!installed.remove(name)) {
      return change(name, FeatureChange.Outcome.UNCHANGED, "not installed");
    }
    Bundle b = context.getBundle(location(jars.get(name)));
    try {
      b.uninstall();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return change(name, FeatureChange.Outcome.APPLIED, "uninstalled feature " + name);
  }

  private static FeatureChange change(String name, FeatureChange.Outcome outcome, String message) {
    return new FeatureChange(name, outcome, List.of(), List.of(), message);
  }
}
