package io.dmagent.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract between bundles, checked on every bundle's manifest as bnd wrote it: a bundle
 * imports nothing of another bundle but the api, only the api exports, and every api import carries
 * a version range, which the api's baseline keeps honest: bnd baselines only versions of 1.0 and
 * above, so every api package must be there.
 */
class ImportGraphTest {
  private static final Map<String, Attributes> BUNDLES = new TreeMap<>();

  @BeforeAll
  static void readManifests() throws IOException {
    for (URL url :
        Collections.list(
            ImportGraphTest.class.getClassLoader().getResources("META-INF/MANIFEST.MF"))) {
      try (InputStream in = url.openStream()) {
        Attributes main = new Manifest(in).getMainAttributes();
        String name = main.getValue("Bundle-SymbolicName");
        if (name != null && name.startsWith("io.dmagent.")) {
          BUNDLES.put(name.split(";")[0].trim(), main);
        }
      }
    }
  }

  @Test
  void every_agent_bundle_is_checked() {
    assertThat(BUNDLES.keySet())
        .contains(
            "io.dmagent.api",
            "io.dmagent.codec",
            "io.dmagent.tree",
            "io.dmagent.stdobj",
            "io.dmagent.protocol",
            "io.dmagent.transport-http",
            "io.dmagent.authority",
            "io.dmagent.diagnostics",
            "io.dmagent.runtime",
            "io.dmagent.shell",
            "io.dmagent.server",
            "io.dmagent.accounts",
            "io.dmagent.outbox",
            "io.dmagent.download",
            "io.dmagent.fumo",
            "io.dmagent.console",
            "io.dmagent.http-listener",
            "io.dmagent.notification",
            "io.dmagent.push-http",
            "io.dmagent.push-sip",
            "io.dmagent.push-wap",
            "io.dmagent.push-mqtt",
            "io.dmagent.sessionless",
            "io.dmagent.bootstrap",
            "io.dmagent.hw-smartcard",
            "io.dmagent.scomo",
            "io.dmagent.policy",
            "io.dmagent.hw-pi4j",
            "io.dmagent.bootstrap-client");
  }

  @Test
  void no_bundle_imports_another_bundles_package_but_the_api() {
    BUNDLES.forEach(
        (bundle, manifest) ->
            assertThat(packages(manifest.getValue("Import-Package")))
                .as("agent packages %s imports", bundle)
                .filteredOn(clause -> clause.startsWith("io.dmagent."))
                .allMatch(clause -> clause.startsWith("io.dmagent.api.")));
  }

  @Test
  void only_the_api_exports_packages() {
    BUNDLES.forEach(
        (bundle, manifest) -> {
          if (!bundle.equals("io.dmagent.api")) {
            assertThat(packages(manifest.getValue("Export-Package")))
                .as("packages %s exports", bundle)
                .isEmpty();
          }
        });
  }

  @Test
  void every_api_import_names_a_version_range() {
    BUNDLES.forEach(
        (bundle, manifest) ->
            assertThat(clauses(manifest.getValue("Import-Package")))
                .as("api imports of %s", bundle)
                .filteredOn(clause -> clause.startsWith("io.dmagent.api."))
                .allMatch(
                    clause -> clause.matches(".*;version=\"[\\[(][0-9.]+,[0-9.]+[)\\]]\".*")));
  }

  @Test
  void every_api_package_is_at_1_0_or_above_where_the_baseline_enforces_its_version() {
    assertThat(clauses(BUNDLES.get("io.dmagent.api").getValue("Export-Package")))
        .isNotEmpty()
        .allMatch(
            clause -> clause.matches(".*;version=\"[1-9][0-9]*\\.[0-9.]+\".*"), "at 1.0 or above");
  }

  /** The package names of an OSGi header, without their attributes. */
  private static List<String> packages(String header) {
    return clauses(header).stream().map(c -> c.split(";")[0].trim()).toList();
  }

  /** The clauses of an OSGi header: split at commas outside quotes. */
  private static List<String> clauses(String header) {
    List<String> out = new ArrayList<>();
    if (header == null) {
      return out;
    }
    StringBuilder clause = new StringBuilder();
    boolean quoted = false;
    for (char c : header.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      }
      if (c == ',' && !quoted) {
        out.add(clause.toString().trim());
        clause.setLength(0);
      } else {
        clause.append(c);
      }
    }
    out.add(clause.toString().trim());
    return out;
  }
}
