package io.dmagent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's thread in the agent: a timer runs when the engine's clock reads its instant, never
 * before, since a condition held for a while looked at a moment early finds its hold not ended and
 * asks for no other look (the door/relay example's relay then never switched).
 */
class ExecutorSchedulerTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-08T01:00:00Z"));
  private final ExecutorScheduler scheduler = new ExecutorScheduler(clock);

  @AfterEach
  void stop() throws InterruptedException {
    scheduler.shutdown();
  }

  @Test
  void a_timer_waits_until_the_clock_reads_its_instant_even_when_the_executor_comes_first()
      throws Exception {
    Instant due = clock.instant().plusMillis(30);
    List<Instant> ranAt = new CopyOnWriteArrayList<>();
    CountDownLatch ran = new CountDownLatch(1);
    scheduler.at(
        due,
        () -> {
          ranAt.add(clock.instant());
          ran.countDown();
        });

    // The executor's own time passes well beyond the delay; the engine's clock has not moved.
    assertThat(ran.await(300, TimeUnit.MILLISECONDS)).isFalse();
    clock.advance(Duration.ofMillis(30));

    assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(ranAt).containsExactly(due);
  }

  @Test
  void a_timer_called_off_while_it_waits_for_the_clock_never_runs() throws Exception {
    List<String> ran = new CopyOnWriteArrayList<>();
    Scheduler.Timer timer = scheduler.at(clock.instant().plusMillis(20), () -> ran.add("timer"));
    Thread.sleep(100); // armed again at least once: the clock still reads the start

    timer.cancel();
    clock.advance(Duration.ofSeconds(1));
    CountDownLatch after = new CountDownLatch(1);
    scheduler.execute(after::countDown);
    assertThat(after.await(10, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(100);

    assertThat(ran).isEmpty();
  }

  @Test
  void tasks_run_in_the_order_they_were_handed_over() throws Exception {
    List<Integer> order = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(3);
    for (int i = 1; i <= 3; i++) {
      int n = i;
      scheduler.execute(
          () -> {
            order.add(n);
            done.countDown();
          });
    }
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(order).containsExactly(1, 2, 3);
  }
}
