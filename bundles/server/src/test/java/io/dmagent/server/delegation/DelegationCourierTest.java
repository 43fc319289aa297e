package io.dmagent.server.delegation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The courier costs nothing until a delegation is sent. */
class DelegationCourierTest {

  @Test
  void a_courier_that_has_sent_nothing_runs_no_http_client_thread() {
    long before = selectorThreads();

    DelegationCourier courier = new DelegationCourier();

    // The JDK's HttpClient starts its selector thread when it is built; a server that never
    // delegates should not carry it from start to stop.
    assertThat(courier).isNotNull();
    assertThat(selectorThreads()).isEqualTo(before);
  }

  private static long selectorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("HttpClient-"))
        .filter(t -> t.getName().endsWith("-SelectorManager"))
        .count();
  }
}
