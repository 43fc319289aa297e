package io.dmagent.codec.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.description.Encoding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs the {@link Fuzzer} over every decoder entry point, seeded with the third-party vectors and
 * the worst cases: in {@code mvn verify} for a few seconds with a fixed seed; for as long as wanted
 * with {@code benchmarks/fuzz.sh}, which sets the system properties below. Outside CI, without the
 * vectors, it is skipped with a message; under {@code CI=true} their absence fails it.
 *
 * <ul>
 *   <li>{@code dmagent.fuzz.decoders.seconds}: how long (default 3)
 *   <li>{@code dmagent.fuzz.decoders.seed}: the random seed (default fixed)
 *   <li>{@code dmagent.fuzz.decoders.report}: a file to append the run's figures to
 *   <li>{@code dmagent.fuzz.decoders.findings}: a folder to write each finding's input to
 * </ul>
 */
class DecoderFuzzTest {
  private static final long SECONDS = Long.getLong("dmagent.fuzz.decoders.seconds", 3);
  private static final long SEED = Long.getLong("dmagent.fuzz.decoders.seed", 20_261_207L);
  private static final String KEEP = "dmagent.fuzz.decoders.findings";
  private static final Path VECTORS =
      Path.of(System.getProperty("dmagent.vectors", "../../../shared/vectors"));

  @Test
  void every_input_is_decoded_or_refused_as_declared_in_linear_work() {
    Map<EntryPoint, List<byte[]>> seeds = seeds();
    long started = System.nanoTime();

    Fuzzer.Report report =
        new Fuzzer(seeds, SEED, Optional.ofNullable(System.getProperty(KEEP)).map(Path::of))
            .run(Long.MAX_VALUE, SECONDS * 1000);

    long millis = (System.nanoTime() - started) / 1_000_000;
    record(report, millis);
    assertThat(report.findings()).isEmpty();
    // Both outcomes occur, or the mutations test nothing.
    assertThat(report.decoded()).isPositive();
    assertThat(report.refused()).isPositive();
  }

  private static Map<EntryPoint, List<byte[]>> seeds() {
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    if (!Files.isDirectory(VECTORS)) {
      assertThat(ci)
          .as("the vectors at %s are required under CI", VECTORS.toAbsolutePath())
          .isFalse();
      Assumptions.abort(
          "skipped: no third-party vectors at "
              + VECTORS.toAbsolutePath()
              + " (set dmagent.vectors)");
    }
    List<byte[]> xml = vectors(".xml", ".ddf");
    List<byte[]> wbxml = vectors(".wbxml");
    Map<EntryPoint, List<byte[]>> seeds = new EnumMap<>(EntryPoint.class);
    for (EntryPoint entry : EntryPoint.values()) {
      List<byte[]> pool = new ArrayList<>(entry.encoding() == Encoding.XML ? xml : wbxml);
      pool.add(WorstCases.of(entry, 2048));
      seeds.put(entry, pool);
    }
    return seeds;
  }

  private static List<byte[]> vectors(String... suffixes) {
    try (Stream<Path> files = Files.walk(VECTORS)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> Stream.of(suffixes).anyMatch(s -> p.toString().endsWith(s)))
          .sorted()
          .map(DecoderFuzzTest::read)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void record(Fuzzer.Report r, long millis) {
    String line =
        String.format(
            "seed %d: %d inputs in %.1f s (%d decoded, %d refused), at most %d steps per byte (inputs of 4 KB or more),"
                + " %d findings%n",
            SEED,
            r.inputs(),
            millis / 1000.0,
            r.decoded(),
            r.refused(),
            r.maxSteps(),
            r.findings().size());
    System.out.print("decoder fuzzing: " + line);
    r.findings().stream().limit(20).forEach(f -> System.out.println("  finding: " + f));
    String report = System.getProperty("dmagent.fuzz.decoders.report");
    if (report != null) {
      try {
        Files.writeString(
            Path.of(report),
            line,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
