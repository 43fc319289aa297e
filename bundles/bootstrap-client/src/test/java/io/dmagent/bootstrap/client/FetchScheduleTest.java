package io.dmagent.bootstrap.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.bootstrap.BootstrapResult;
import io.dmagent.api.bootstrap.BootstrapResult.Outcome;
import io.dmagent.api.bootstrap.ClientInitiatedBootstrap;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The rounds of a fresh gateway, on a real timer thread. */
class FetchScheduleTest {
  private static final URI A = URI.create("https://a.example/bootstrap");
  private static final URI B = URI.create("https://b.example/bootstrap");

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final List<URI> fetched = new CopyOnWriteArrayList<>();
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final AtomicBoolean hasAccount = new AtomicBoolean();
  private final AtomicBoolean discovery = new AtomicBoolean(true);

  @AfterEach
  void stop() {
    timer.shutdownNow();
  }

  private FetchSchedule schedule(ClientInitiatedBootstrap fetcher) {
    return new FetchSchedule(
        fetcher,
        hasAccount::get,
        discovery::get,
        () -> List.of(A, B, A),
        timer,
        Duration.ofMillis(10),
        Duration.ofMillis(40),
        log::add);
  }

  private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 5 s").isLessThan(end);
      Thread.sleep(10);
    }
  }

  /** Lets the timer run rounds that must not happen. */
  private static void pause(long millis) throws InterruptedException {
    Thread.sleep(millis);
  }

  private static BootstrapResult result(Outcome outcome) {
    return new BootstrapResult(
        outcome, outcome == Outcome.APPLIED ? List.of("acme-dm") : List.of(), "test");
  }

  @Test
  void a_fresh_gateway_tries_every_server_in_rounds_until_a_bootstrap_gives_it_an_account()
      throws Exception {
    schedule(
            (url, source) -> {
              fetched.add(url);
              if (fetched.size() == 5) {
                hasAccount.set(true);
                return result(Outcome.APPLIED);
              }
              return result(Outcome.UNCHANGED);
            })
        .start();

    waitUntil(hasAccount::get);
    pause(200);
    assertThat(fetched).containsExactly(A, B, A, B, A);
  }

  @Test
  void a_gateway_with_an_account_fetches_nothing() throws Exception {
    hasAccount.set(true);
    schedule((url, source) -> fetched.add(url) ? result(Outcome.APPLIED) : null).start();

    pause(200);
    assertThat(fetched).isEmpty();
  }

  @Test
  void while_discovery_is_inhibited_nothing_is_fetched_and_one_line_says_why() throws Exception {
    discovery.set(false);
    schedule((url, source) -> fetched.add(url) ? result(Outcome.APPLIED) : null).start();

    pause(300);
    assertThat(fetched).isEmpty();
    assertThat(log).singleElement().asString().contains("BootSrvDiscovery is 0");

    discovery.set(true);
    waitUntil(() -> !fetched.isEmpty());
  }

  @Test
  void a_round_that_fails_unexpectedly_is_followed_by_the_next() throws Exception {
    schedule(
            (url, source) -> {
              fetched.add(url);
              if (fetched.size() == 1) {
                throw new IllegalStateException("bootstrapper gone");
              }
              hasAccount.set(true);
              return result(Outcome.APPLIED);
            })
        .start();

    waitUntil(hasAccount::get);
    assertThat(fetched).containsExactly(A, A);
    assertThat(log).singleElement().asString().contains("bootstrap round failed");
  }
}
