package io.dmagent.pushsip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogBudgetTest {
  private final List<String> lines = new ArrayList<>();
  private final AtomicLong clock = new AtomicLong();
  private final LogBudget budget = new LogBudget(lines::add, 3, clock::get);

  @Test
  void lines_over_the_budget_of_a_second_are_counted_not_written() {
    for (int i = 0; i < 1000; i++) {
      budget.accept("refused " + i);
    }

    assertThat(lines).containsExactly("refused 0", "refused 1", "refused 2");
  }

  @Test
  void the_next_second_writes_again_and_says_how_many_were_left_out() {
    for (int i = 0; i < 10; i++) {
      budget.accept("refused " + i);
    }
    clock.addAndGet(1_000_000_000L);

    budget.accept("refused 10");
    budget.accept("refused 11");

    assertThat(lines)
        .containsExactly(
            "refused 0",
            "refused 1",
            "refused 2",
            "refused 10 (and 7 more SIP refusals not logged: over the budget)",
            "refused 11");
  }
}
