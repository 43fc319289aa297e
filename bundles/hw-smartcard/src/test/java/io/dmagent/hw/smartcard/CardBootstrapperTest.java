package io.dmagent.hw.smartcard;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.bootstrap.BootstrapMessage;
import io.dmagent.api.bootstrap.BootstrapResult;
import io.dmagent.api.bootstrap.BootstrapResult.Outcome;
import io.dmagent.api.bootstrap.BootstrapSource;
import io.dmagent.api.bootstrap.ClientInitiatedBootstrap;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CardBootstrapperTest {
  private static final String ORIGIN = "Reader 0/card-1";
  private static final URI SERVER = URI.create("https://bootstrap.example/dm");

  @TempDir Path folder;
  private final List<String> info = new ArrayList<>();
  private final List<String> warn = new ArrayList<>();
  private final RecordingBootstrapper bootstrapper = new RecordingBootstrapper();
  private final AtomicReference<ClientInitiatedBootstrap> client = new AtomicReference<>();
  private final List<URI> fetched = new ArrayList<>();

  private CardBootstrapper cards() throws Exception {
    return new CardBootstrapper(
        bootstrapper,
        () -> Optional.ofNullable(client.get()),
        new BootstrappedCards(folder.resolve("cards")),
        new LogLines(info::add, warn::add));
  }

  private static CardContent card(byte[] bootstrap, URI... servers) {
    return new CardContent("card-1", Optional.ofNullable(bootstrap), List.of(servers));
  }

  private void installClient() {
    client.set(
        (server, source) -> {
          assertThat(source).isEqualTo(BootstrapSource.SMART_CARD);
          fetched.add(server);
          return new BootstrapResult(Outcome.UNCHANGED, List.of(), "404");
        });
  }

  @Test
  void an_xml_bootstrap_is_handed_over_as_xml_and_a_wbxml_one_as_wbxml() {
    assertThat(CardBootstrapper.contentType("\uFEFF \n<SyncML>".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("application/vnd.syncml.dm+xml");
    assertThat(CardBootstrapper.contentType(new byte[] {0x02, (byte) 0xA4, 0x01, 0x6A}))
        .isEqualTo("application/vnd.syncml.dm+wbxml");
  }

  @Test
  void an_applied_card_is_remembered_across_restarts_and_withdrawn_when_gone() throws Exception {
    cards().inserted(ORIGIN, card(new byte[] {0x02, 0x00}));
    BootstrapMessage message = bootstrapper.applied.poll();
    assertThat(message.origin()).isEqualTo(ORIGIN);
    assertThat(message.channelAuthenticated()).isTrue();

    CardBootstrapper afterRestart = cards();
    afterRestart.present(List.of("Reader 0/another-card"));

    assertThat(bootstrapper.withdrawn.poll())
        .isEqualTo(new RecordingBootstrapper.Withdrawal(BootstrapSource.SMART_CARD, ORIGIN));
    assertThat(Files.readString(folder.resolve("cards"))).isEmpty();
  }

  @Test
  void a_card_still_present_at_start_keeps_its_accounts() throws Exception {
    cards().inserted(ORIGIN, card(new byte[] {0x02, 0x00}));

    cards().present(List.of(ORIGIN));

    assertThat(bootstrapper.withdrawn).isEmpty();
  }

  @Test
  void a_card_whose_bootstrap_was_refused_withdraws_nothing_when_removed() throws Exception {
    CardBootstrapper cards =
        new CardBootstrapper(
            new RecordingBootstrapper() {
              @Override
              public BootstrapResult apply(BootstrapMessage message) {
                return new BootstrapResult(Outcome.INVALID, List.of(), "truncated");
              }
            },
            Optional::empty,
            new BootstrappedCards(folder.resolve("cards")),
            new LogLines(info::add, warn::add));
    cards.inserted(ORIGIN, card(new byte[] {0x02}));

    cards.removed(ORIGIN);

    assertThat(info).anyMatch(line -> line.contains("INVALID: truncated"));
    assertThat(Files.exists(folder.resolve("cards"))).isFalse();
  }

  @Test
  void a_bootstrap_server_url_on_the_card_is_fetched_as_a_smart_card_bootstrap() throws Exception {
    installClient();

    cards().inserted(ORIGIN, card(null, SERVER));

    assertThat(fetched).containsExactly(SERVER);
    assertThat(bootstrapper.applied).isEmpty();
  }

  @Test
  void a_url_read_before_the_client_initiated_bootstrap_is_there_is_fetched_once_it_comes()
      throws Exception {
    CardBootstrapper cards = cards();
    cards.inserted(ORIGIN, card(null, SERVER));
    cards.idle();
    assertThat(fetched).isEmpty();

    installClient();
    cards.idle();
    cards.idle();

    assertThat(fetched).containsExactly(SERVER);
  }

  @Test
  void a_card_with_nothing_for_dm_says_so_and_applies_nothing() throws Exception {
    cards().inserted(ORIGIN, card(null));

    assertThat(bootstrapper.applied).isEmpty();
    assertThat(info).containsExactly("Smart card 'Reader 0/card-1' carries no DM bootstrap");
  }
}
