package io.dmagent.codec.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import io.dmagent.codec.markup.WorkMeter;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The worst case of every reader, at sizes n, 4n and 16n, is read within a budget counted in work
 * (tokenizer steps: bytes and characters consumed, attribute comparisons, namespace look-ups, table
 * strings produced), not in time: at most {@link Budget#STEPS_PER_BYTE} steps per byte, and 16
 * times the input costs at most 16 times the work (kxml2 cost 256 times: its start tags were
 * quadratic in their attributes).
 */
class LinearWorkTest {
  private static final int N = 16 << 10;
  private final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();

  @ParameterizedTest
  @EnumSource(EntryPoint.class)
  void the_worst_case_costs_work_linear_in_its_size(EntryPoint entry) {
    long[] steps = new long[3];
    int[] sizes = {N, 4 * N, 16 * N};
    for (int i = 0; i < sizes.length; i++) {
      byte[] input = WorstCases.of(entry, sizes[i]);
      WorkMeter work = new WorkMeter();

      EntryPoint.Outcome outcome = entry.decode(input, work);

      assertThat(outcome.decoded())
          .as("%s of %d bytes is read to its end", entry, input.length)
          .isTrue();
      assertThat(work.steps())
          .as("%s: steps for %d bytes", entry, input.length)
          .isLessThanOrEqualTo(Budget.of(input.length));
      steps[i] = work.steps();
    }
    assertThat((double) steps[1] / steps[0])
        .as("%s: slope from n to 4n", entry)
        .isLessThan(4 * 1.15);
    assertThat((double) steps[2] / steps[0])
        .as("%s: slope from n to 16n", entry)
        .isLessThan(16 * 1.15);
  }

  /**
   * The readers above the tokenizers (content models, texts, the model) do a bounded amount per
   * event; their work shows in the memory they allocate, which must grow linearly too: 16 times the
   * input allocates less than 24 times as much (quadratic text building would allocate 256 times).
   */
  @ParameterizedTest
  @EnumSource(EntryPoint.class)
  void the_worst_case_allocates_memory_linear_in_its_size(EntryPoint entry) {
    entry.decode(WorstCases.of(entry, N), new WorkMeter()); // loaded and warmed once
    long small = allocatedBy(entry, WorstCases.of(entry, N));
    long large = allocatedBy(entry, WorstCases.of(entry, 16 * N));

    assertThat((double) large / small).as("%s: allocation from n to 16n", entry).isLessThan(24);
  }

  private long allocatedBy(EntryPoint entry, byte[] input) {
    long id = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(id);
    assertThat(entry.decode(input, new WorkMeter()).decoded()).isTrue();
    return threads.getThreadAllocatedBytes(id) - before;
  }
}
