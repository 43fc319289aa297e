package io.dmagent.hw.smartcard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import org.junit.jupiter.api.Test;

/**
 * The watcher while PC/SC is unusable: pcscd not running is what the JDK reports as a failing
 * list() (SCARD_E_NO_SERVICE), which no running pcscd can show, hence a stand-in for CardTerminals.
 */
class ReaderWatcherTest {
  private final List<String> info = new CopyOnWriteArrayList<>();
  private final List<String> warn = new CopyOnWriteArrayList<>();

  /** Terminals failing like the JDK's without pcscd, then listing none, counting the looks. */
  private static final class Unavailable extends CardTerminals {
    final AtomicInteger looks = new AtomicInteger();
    final CountDownLatch enough = new CountDownLatch(10);
    volatile boolean serviceUp;

    @Override
    public List<CardTerminal> list(State state) throws CardException {
      looks.incrementAndGet();
      enough.countDown();
      if (!serviceUp) {
        throw new CardException("list() failed", new RuntimeException("SCARD_E_NO_SERVICE"));
      }
      return List.of();
    }

    @Override
    public boolean waitForChange(long timeout) {
      throw new IllegalStateException("no terminals");
    }
  }

  private final CardEvents none =
      new CardEvents() {
        @Override
        public void inserted(String origin, CardContent content) {}

        @Override
        public void removed(String origin) {}

        @Override
        public void present(Collection<String> origins) {}
      };

  @Test
  void without_pcscd_it_says_so_once_and_keeps_looking() throws Exception {
    Unavailable terminals = new Unavailable();
    try (ReaderWatcher watcher =
        new ReaderWatcher(
                terminals,
                Pattern.compile(""),
                50,
                card -> null,
                none,
                new LogLines(info::add, warn::add))
            .start()) {
      assertThat(terminals.enough.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(info)
          .containsExactly(
              "Smart card: no PC/SC service (is pcscd running?): SCARD_E_NO_SERVICE; idle, looking"
                  + " again every 50 ms");

      terminals.serviceUp = true;
      int seen = terminals.looks.get();
      while (terminals.looks.get() < seen + 3) {
        Thread.sleep(20);
      }
    }
    assertThat(info).hasSize(2).last().isEqualTo("Smart card: no smart-card reader; idle");
    assertThat(warn).isEmpty();
  }
}
