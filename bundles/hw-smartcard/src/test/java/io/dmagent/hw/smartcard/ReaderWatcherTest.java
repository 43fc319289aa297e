package io.dmagent.hw.smartcard;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.NoSuchAlgorithmException;
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
 * The watcher while PC/SC is unusable. Without pcscd the JDK cannot create its PC/SC provider
 * (NoSuchAlgorithmException caused by PCSCException SCARD_E_NO_SERVICE); a machine whose pcscd runs
 * for the other tests cannot show that, hence a source failing the same way, then terminals listing
 * no reader.
 */
class ReaderWatcherTest {
  private final List<String> info = new CopyOnWriteArrayList<>();
  private final List<String> warn = new CopyOnWriteArrayList<>();

  /** PC/SC failing like the JDK's without pcscd, then terminals listing none; counts looks. */
  private static final class Unavailable extends CardTerminals implements TerminalsSource {
    final AtomicInteger looks = new AtomicInteger();
    final CountDownLatch enough = new CountDownLatch(10);
    volatile boolean serviceUp;

    @Override
    public CardTerminals open() throws CardException {
      looks.incrementAndGet();
      enough.countDown();
      if (!serviceUp) {
        throw new CardException(
            "PC/SC not available",
            new NoSuchAlgorithmException(
                "Error constructing TerminalFactory for PC/SC using SunPCSC",
                new CardException("SCARD_E_NO_SERVICE")));
      }
      return this;
    }

    @Override
    public List<CardTerminal> list(State state) {
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
              "Smart card: PC/SC not available (pcscd not running? libpcsclite1 missing?):"
                  + " SCARD_E_NO_SERVICE; idle, looking again every 50 ms");

      terminals.serviceUp = true;
      int seen = terminals.looks.get();
      while (terminals.looks.get() < seen + 3) {
        Thread.sleep(20);
      }
    }
    assertThat(info).hasSize(2).last().isEqualTo("Smart card: no smart-card reader; idle");
    assertThat(warn).isEmpty();
  }

  @Test
  void pcsc_lost_after_it_worked_asks_for_a_restart_in_one_warning() throws Exception {
    Unavailable terminals = new Unavailable();
    terminals.serviceUp = true;
    try (ReaderWatcher watcher =
        new ReaderWatcher(
                terminals,
                Pattern.compile(""),
                50,
                card -> null,
                none,
                new LogLines(info::add, warn::add))
            .start()) {
      while (info.isEmpty()) {
        Thread.sleep(20);
      }
      terminals.serviceUp = false;
      int seen = terminals.looks.get();
      while (terminals.looks.get() < seen + 5) {
        Thread.sleep(20);
      }
    }
    assertThat(info).containsExactly("Smart card: no smart-card reader; idle");
    assertThat(warn)
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .startsWith("Smart card: PC/SC lost after it worked")
                    .endsWith("restart the agent to watch the readers again"));
  }
}
