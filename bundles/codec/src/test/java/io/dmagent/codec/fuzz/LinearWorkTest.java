package io.dmagent.codec.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.codec.markup.WorkMeter;
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
}
