package io.dmagent.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Keeps the benchmarks runnable: every JMH benchmark of this module (found in the list JMH's
 * annotation processor generates, so a new one is included without being named here) runs its
 * setup, with every parameter value, and one operation, in this JVM. A setup that throws (a
 * benchmark whose check no longer holds, or whose API moved under it) fails the build. Nothing is
 * timed.
 */
class BenchmarksRunTest {

  static Stream<String> benchmarkClasses() {
    return BenchmarkList.defaultList()
        .getAll(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), List.of())
        .stream()
        .map(BenchmarkListEntry::getUserClassQName)
        .distinct()
        .sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("benchmarkClasses")
  void each_benchmark_sets_up_and_runs_one_operation(String benchmarkClass) throws RunnerException {
    // The MQTT benchmarks start a local Mosquitto: skipped where it is missing, except under CI.
    Assumptions.assumeTrue(
        !benchmarkClass.startsWith("io.dmagent.pushmqtt.")
            || Files.isExecutable(Path.of("/usr/sbin/mosquitto"))
            || "true".equals(System.getenv("CI")),
        "needs Mosquitto (Debian package mosquitto)");
    Options once =
        new OptionsBuilder()
            .include("^" + Pattern.quote(benchmarkClass) + "\\.")
            .forks(0)
            .warmupIterations(0)
            .measurementIterations(1)
            .mode(Mode.SingleShotTime)
            .measurementBatchSize(1)
            .threads(1)
            .shouldDoGC(false)
            .shouldFailOnError(true)
            .verbosity(VerboseMode.SILENT)
            .build();

    Collection<RunResult> results = new Runner(once).run();

    assertThat(results).isNotEmpty();
    assertThat(results)
        .allSatisfy(r -> assertThat(r.getPrimaryResult().getSampleCount()).isPositive());
  }
}
