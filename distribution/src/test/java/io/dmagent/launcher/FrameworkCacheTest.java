package io.dmagent.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameworkCacheTest {
  @TempDir Path dir;

  private Path data;
  private Path dist;

  @BeforeEach
  void distribution() throws Exception {
    data = Files.createDirectories(dir.resolve("home/data"));
    dist = dir.resolve("home");
    makeDistribution(dist);
  }

  private static void makeDistribution(Path dist) throws Exception {
    Files.createDirectories(dist.resolve("lib/client"));
    Files.createDirectories(dist.resolve("system"));
    Files.writeString(dist.resolve("lib/felix.jar"), "felix");
    Files.writeString(dist.resolve("lib/client/jline.jar"), "jline");
    Files.writeString(dist.resolve("system/features.xml"), "<features/>");
  }

  /** A cache the framework made for {@code dist}. */
  private FrameworkCache made(Path dist) throws Exception {
    FrameworkCache cache = FrameworkCache.of(data, dist);
    Files.createDirectories(cache.folder().resolve("bundle0"));
    cache.madeNow();
    return cache;
  }

  @Test
  void a_cache_made_for_this_distribution_is_kept() throws Exception {
    made(dist);

    assertThat(FrameworkCache.of(data, dist).cleanReason(false)).isEmpty();
  }

  @Test
  void the_first_start_has_no_cache_to_keep() throws Exception {
    assertThat(FrameworkCache.of(data, dist).cleanReason(false)).contains("there is none yet");
  }

  @Test
  void the_operator_asking_cleans_it() throws Exception {
    made(dist);

    assertThat(FrameworkCache.of(data, dist).cleanReason(true)).contains("asked for (--clean)");
  }

  @Test
  void another_distribution_folder_cleans_it() throws Exception {
    made(dist);
    Path version = dir.resolve("home/data/versions/2.0.0");
    makeDistribution(version);

    assertThat(FrameworkCache.of(data, version).cleanReason(false))
        .hasValueSatisfying(r -> assertThat(r).contains(dist.toString()).contains("2.0.0"));
  }

  @Test
  void a_new_framework_jar_cleans_it() throws Exception {
    made(dist);
    Path felix = dist.resolve("lib/felix.jar");
    Files.writeString(felix, "felix, next release");

    assertThat(FrameworkCache.of(data, dist).cleanReason(false))
        .contains("the distribution's lib/ or system/features.xml changed");
  }

  @Test
  void a_changed_features_descriptor_cleans_it() throws Exception {
    made(dist);
    Path descriptor = dist.resolve("system/features.xml");
    Files.setLastModifiedTime(
        descriptor, FileTime.fromMillis(Files.getLastModifiedTime(descriptor).toMillis() + 60_000));

    assertThat(FrameworkCache.of(data, dist).cleanReason(false))
        .contains("the distribution's lib/ or system/features.xml changed");
  }

  @Test
  void a_cache_without_its_record_is_cleaned_until_it_is_made_again() throws Exception {
    FrameworkCache cache = made(dist);
    cache.forget();

    assertThat(FrameworkCache.of(data, dist).cleanReason(false))
        .hasValueSatisfying(r -> assertThat(r).startsWith("no record of the distribution"));
    cache.madeNow();
    assertThat(FrameworkCache.of(data, dist).cleanReason(false)).isEmpty();
  }
}
