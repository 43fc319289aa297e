package io.dmagent.hw.smartcard;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.bootstrap.BootstrapMessage;
import io.dmagent.api.bootstrap.BootstrapSource;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import javax.smartcardio.Card;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin's reader code through javax.smartcardio, pcscd, vpcd and a virtual PKCS#15 card. */
class VirtualCardTest {
  /** Larger than 32 KB (DM-HLF-013) and not a multiple of the 256-byte chunk. */
  private static final int BOOTSTRAP_SIZE = 40_000;

  @TempDir Path folder;
  private VirtualCardStack stack;
  private final List<String> info = new CopyOnWriteArrayList<>();
  private final List<String> warn = new CopyOnWriteArrayList<>();

  @BeforeEach
  void stack() throws Exception {
    stack = VirtualCardStack.require(folder);
  }

  private static byte[] bootstrap(long seed) {
    byte[] bytes = new byte[BOOTSTRAP_SIZE];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  @Test
  void reads_a_bootstrap_file_larger_than_32_kb_and_the_server_url_from_the_card()
      throws Exception {
    byte[] bootstrap = bootstrap(1);
    try (var inserted = stack.insert(bootstrap, "https://bootstrap.example:8443/dm", "card-7")) {
      Card card = stack.reader().connect("*");
      RecordingChannel channel = new RecordingChannel(card.getBasicChannel()::transmit);
      CardContent content;
      try {
        content = new Pkcs15Reader(channel, 64 * 1024).read(card.getATR().getBytes());
      } finally {
        card.disconnect(false);
      }

      assertThat(content.cardId()).isEqualTo("card-7");
      assertThat(content.bootstrap()).hasValueSatisfying(b -> assertThat(b).isEqualTo(bootstrap));
      assertThat(content.bootstrapServers())
          .containsExactly(URI.create("https://bootstrap.example:8443/dm"));
      // Beyond offset 32 767 only the odd-INS READ BINARY with an offset data object reaches.
      assertThat(channel.count("00B10000")).isEqualTo((BOOTSTRAP_SIZE - 32_768 + 251) / 252);
      assertThat(channel.count("00B0")).isGreaterThanOrEqualTo(128);
    }
  }

  @Test
  void a_larger_file_than_allowed_is_refused_whole() throws Exception {
    try (var inserted = stack.insert(bootstrap(2), null, "card-8")) {
      Card card = stack.reader().connect("*");
      try {
        Pkcs15Reader reader = new Pkcs15Reader(card.getBasicChannel()::transmit, 32 * 1024);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> reader.read(card.getATR().getBytes()))
            .isInstanceOf(CardDataException.class)
            .hasMessageContaining("40000 bytes, more than the 32768 allowed");
      } finally {
        card.disconnect(false);
      }
    }
  }

  @Test
  void a_card_put_in_is_bootstrapped_and_taken_out_is_withdrawn() throws Exception {
    RecordingBootstrapper bootstrapper = new RecordingBootstrapper();
    byte[] bootstrap = bootstrap(3);
    try (ReaderWatcher watcher = watcher(bootstrapper, folder.resolve("cards"))) {
      var inserted = stack.insert(bootstrap, null, "card-9");
      BootstrapMessage message = bootstrapper.nextApplied();
      assertThat(message).isNotNull();
      assertThat(message.source()).isEqualTo(BootstrapSource.SMART_CARD);
      assertThat(message.origin()).isEqualTo(VirtualCardStack.READER + "/card-9");
      assertThat(message.body()).isEqualTo(bootstrap);
      assertThat(message.contentType()).isEqualTo("application/vnd.syncml.dm+wbxml");
      assertThat(message.channelAuthenticated()).isTrue();

      inserted.remove();

      assertThat(bootstrapper.nextWithdrawn())
          .isEqualTo(
              new RecordingBootstrapper.Withdrawal(
                  BootstrapSource.SMART_CARD, VirtualCardStack.READER + "/card-9"));
      assertThat(bootstrapper.applied).isEmpty();
    }
    assertThat(warn).isEmpty();
  }

  @Test
  void a_card_taken_out_while_the_agent_was_stopped_is_withdrawn_at_start() throws Exception {
    Path cards = folder.resolve("cards");
    Files.writeString(cards, VirtualCardStack.READER + "/card-gone\n");
    RecordingBootstrapper bootstrapper = new RecordingBootstrapper();
    try (ReaderWatcher watcher = watcher(bootstrapper, cards)) {
      assertThat(bootstrapper.nextWithdrawn())
          .isEqualTo(
              new RecordingBootstrapper.Withdrawal(
                  BootstrapSource.SMART_CARD, VirtualCardStack.READER + "/card-gone"));
    }
    assertThat(Files.readString(cards)).isEmpty();
  }

  private ReaderWatcher watcher(RecordingBootstrapper bootstrapper, Path cards) throws Exception {
    LogLines log = new LogLines(info::add, warn::add);
    CardBootstrapper events =
        new CardBootstrapper(bootstrapper, Optional::empty, new BootstrappedCards(cards), log);
    return new ReaderWatcher(
            stack::terminals,
            Pattern.compile("^" + Pattern.quote(VirtualCardStack.READER) + "$"),
            200,
            CardReading.pkcs15(64 * 1024),
            events,
            log)
        .start();
  }
}
