package io.dmagent.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The framework cache ({@code data/framework}) kept between starts, as a gateway goes through it:
 * restarts reuse it, a bundle jar replaced in {@code system/} is the one that runs, a damaged cache
 * or another distribution starts clean, and a feature dropped while the agent was stopped never
 * runs again.
 */
class FrameworkCacheIT {
  private static final String READY = "DM Agent ready";
  private static final String CLEANED = "starting with a clean framework cache";
  private static final String BUILD_HEADER = "X-DmAgent-Build";

  @TempDir Path dir;

  @Test
  void a_restart_keeps_the_cache_and_runs_the_new_build_of_a_replaced_bundle_jar()
      throws Exception {
    Path home = RunningAgent.install(dir);
    startAndStop(home, List.of());
    Path tree = cacheDirOf(home, "io.dmagent.tree");
    Path console = cacheDirOf(home, "io.dmagent.console");
    Files.writeString(tree.resolve("kept-by-test"), "x");

    // A new build of a feature bundle (the runtime's) and of a boot bundle (the launcher's).
    rebuild(jarOf(home, "io.dmagent.tree"), "second");
    rebuild(jarOf(home, "io.dmagent.console"), "second");

    try (RunningAgent agent = RunningAgent.startWithConsole(home)) {
      String ready = agent.awaitLine(READY);
      assertThat(allComponentsActive(ready)).as(ready).isTrue();
      assertThat(agent.console("headers " + bundleId(tree)))
          .anyMatch(l -> l.contains(BUILD_HEADER) && l.contains("second"));
      assertThat(agent.console("headers " + bundleId(console)))
          .anyMatch(l -> l.contains(BUILD_HEADER) && l.contains("second"));
      assertThat(agent.lines())
          .anyMatch(l -> l.contains("updated 1 bundle (io.dmagent.tree) from its changed file"))
          .noneMatch(l -> l.contains(CLEANED))
          .noneMatch(l -> l.contains("ERROR"));
      agent.terminate();
    }
    // The same cache: the bundle kept its folder (and what was in it), not copied anew.
    assertThat(tree.resolve("kept-by-test")).exists();
    assertThat(cacheDirOf(home, "io.dmagent.tree")).isEqualTo(tree);

    // Nothing changed since: the next start updates nothing.
    List<String> third = startAndStop(home, List.of());
    assertThat(third).noneMatch(l -> l.contains("from its changed file") || l.contains(CLEANED));
  }

  @Test
  void the_components_descriptors_are_kept_with_the_cache_and_not_parsed_again() throws Exception {
    Path home = RunningAgent.install(dir);
    startAndStop(home, List.of());
    Path store = metadataStore(home);
    long size = Files.size(store);

    List<String> second = startAndStop(home, List.of());

    assertThat(second).anyMatch(l -> l.contains(READY) && allComponentsActive(l));
    assertThat(metadataStore(home)).isEqualTo(store);
    assertThat(Files.size(store)).isEqualTo(size);
  }

  /** SCR's record of the components' descriptors it read, kept in the framework cache. */
  private static Path metadataStore(Path home) throws IOException {
    try (Stream<Path> files = Files.walk(home.resolve("data/framework"))) {
      return files
          .filter(f -> f.getFileName().toString().equals("componentMetadataStore"))
          .findFirst()
          .orElseThrow(() -> new AssertionError("SCR kept no component descriptors"));
    }
  }

  @Test
  void a_damaged_cache_is_made_anew_with_one_warning() throws Exception {
    Path home = RunningAgent.install(dir);
    startAndStop(home, List.of());
    Path tree = cacheDirOf(home, "io.dmagent.tree");
    Files.writeString(tree.resolve("version0.0/bundle.jar"), "not a jar any more");

    List<String> lines = startAndStop(home, List.of());

    // The launcher's own lines start with their level; the log's have a time stamp first.
    assertThat(lines.stream().filter(l -> l.startsWith("WARN ") || l.contains("framework cache")))
        .singleElement()
        .satisfies(
            l ->
                assertThat(l)
                    .contains("WARN dmagent: the framework cache")
                    .contains("starting with a clean one"));
    assertThat(lines)
        .noneMatch(l -> l.contains("ERROR"))
        .noneMatch(l -> l.contains("\tat ") || l.startsWith("java."));
    assertThat(allComponentsActive(lines.stream().filter(l -> l.contains(READY)).findFirst()))
        .isTrue();
    assertThat(jarIn(cacheDirOf(home, "io.dmagent.tree"))).isNotEmptyFile();
  }

  @Test
  void another_build_of_the_distribution_or_the_operator_starts_with_a_clean_cache()
      throws Exception {
    Path home = RunningAgent.install(dir);
    startAndStop(home, List.of());
    Path marker = cacheDirOf(home, "io.dmagent.tree").resolve("kept-by-test");
    Files.writeString(marker, "x");
    Path launcher = home.resolve("lib/dmagent-launcher.jar");
    Files.setLastModifiedTime(launcher, FileTime.from(Instant.now().plusSeconds(60)));

    assertThat(startAndStop(home, List.of()))
        .anyMatch(
            l ->
                l.contains(CLEANED)
                    && l.contains("the distribution's lib/ or system/features.xml changed"));
    assertThat(marker).doesNotExist();

    Path again = cacheDirOf(home, "io.dmagent.tree").resolve("kept-by-test");
    Files.writeString(again, "x");
    assertThat(startAndStop(home, List.of("--clean")))
        .anyMatch(l -> l.contains(CLEANED) && l.contains("asked for (--clean)"));
    assertThat(again).doesNotExist();
  }

  @Test
  void a_feature_dropped_from_the_configuration_while_stopped_does_not_start_again()
      throws Exception {
    Path home = RunningAgent.install(dir);
    assertThat(startAndStop(home, List.of()))
        .anyMatch(l -> l.contains("io.dmagent.server") && l.contains("STARTED"));
    configure(home, "features=dm-core,dm-http\n");

    List<String> lines = startAndStop(home, List.of());

    assertThat(lines)
        .noneMatch(l -> l.contains("io.dmagent.server") && l.contains("STARTED"))
        .anyMatch(l -> l.contains("uninstalled") && l.contains("io.dmagent.server"));
    assertThat(bundleDirs(home)).noneMatch(d -> location(d).contains("/io.dmagent.server/"));
  }

  /** Starts the agent, waits for it to be ready, stops it; its lines. */
  private static List<String> startAndStop(Path home, List<String> arguments) throws Exception {
    try (RunningAgent agent = RunningAgent.start(home, arguments)) {
      agent.awaitLine(READY);
      assertThat(agent.terminate()).isIn(0, 143);
      return List.copyOf(agent.lines());
    }
  }

  private static boolean allComponentsActive(java.util.Optional<String> ready) {
    return ready.map(FrameworkCacheIT::allComponentsActive).orElse(false);
  }

  /** {@code DM Agent ready in 900 ms: 38 of 38 components active (...)}. */
  private static boolean allComponentsActive(String ready) {
    var m = java.util.regex.Pattern.compile("(\\d+) of (\\d+) components active").matcher(ready);
    return m.find() && m.group(1).equals(m.group(2)) && !ready.contains("not active");
  }

  private static void configure(Path home, String text) throws IOException {
    Path cfg = home.resolve("config/io.dmagent.runtime.cfg");
    Files.writeString(cfg, text, StandardCharsets.UTF_8);
  }

  private static List<Path> bundleDirs(Path home) throws IOException {
    try (Stream<Path> dirs = Files.list(home.resolve("data/framework"))) {
      return dirs.filter(d -> d.getFileName().toString().matches("bundle\\d+")).toList();
    }
  }

  /** The bundle's location, the second line of the framework's record of it. */
  private static String location(Path bundleDir) {
    try {
      List<String> info = Files.readAllLines(bundleDir.resolve("bundle.info"));
      return info.size() > 1 ? info.get(1) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static Path cacheDirOf(Path home, String artifact) throws IOException {
    return bundleDirs(home).stream()
        .filter(d -> location(d).contains("/" + artifact + "/"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no bundle " + artifact + " in the cache"));
  }

  private static long bundleId(Path bundleDir) {
    return Long.parseLong(bundleDir.getFileName().toString().substring("bundle".length()));
  }

  private static Path jarIn(Path bundleDir) throws IOException {
    try (Stream<Path> files = Files.walk(bundleDir)) {
      return files
          .filter(f -> f.getFileName().toString().equals("bundle.jar"))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no revision in " + bundleDir));
    }
  }

  private static Path jarOf(Path home, String artifact) throws IOException {
    try (Stream<Path> files = Files.walk(home.resolve("system/io/dmagent/" + artifact))) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".jar"))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no jar of " + artifact));
    }
  }

  /**
   * A new build of the bundle: the same classes, a manifest with one header more, written beside it
   * and moved over it as an installer does.
   */
  private static void rebuild(Path jar, String build) throws IOException {
    Path next = jar.resolveSibling(jar.getFileName() + ".next");
    Manifest manifest;
    try (JarFile in = new JarFile(jar.toFile())) {
      manifest = new Manifest(in.getManifest());
    }
    manifest.getMainAttributes().putValue(BUILD_HEADER, build);
    try (JarInputStream in = new JarInputStream(Files.newInputStream(jar));
        OutputStream file = Files.newOutputStream(next);
        JarOutputStream out = new JarOutputStream(file, manifest)) {
      for (JarEntry e; (e = in.getNextJarEntry()) != null; ) {
        out.putNextEntry(new JarEntry(e.getName()));
        copy(in, out);
        out.closeEntry();
      }
    }
    Files.move(next, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void copy(InputStream in, OutputStream out) throws IOException {
    in.transferTo(out);
  }
}
