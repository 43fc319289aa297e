package io.dmagent.hw.smartcard;

import io.dmagent.api.bootstrap.BootstrapMessage;
import io.dmagent.api.bootstrap.BootstrapResult;
import io.dmagent.api.bootstrap.BootstrapSource;
import io.dmagent.api.bootstrap.Bootstrapper;
import io.dmagent.api.bootstrap.ClientInitiatedBootstrap;
import io.dmagent.api.log.WireText;
import io.dmagent.api.transport.DmMediaType;
import java.io.IOException;
import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a card's arrival and departure do: the content of EF(DM_Bootstrap) goes to the {@link
 * Bootstrapper} (a card in a local reader is an authenticated channel), each bootstrap server URL
 * on it to the {@link ClientInitiatedBootstrap} when one is installed; a card gone, now or while
 * the agent was stopped, has its accounts withdrawn.
 */
final class CardBootstrapper implements CardEvents {
  /** URLs kept for a client-initiated bootstrap not yet there; more cards than readers is odd. */
  private static final int MAX_PENDING = 8;

  private final Bootstrapper bootstrapper;
  private final Supplier<Optional<ClientInitiatedBootstrap>> clientInitiated;
  private final BootstrappedCards cards;
  private final LogLines log;

  /** Bootstrap servers named by cards while no client-initiated bootstrap was installed. */
  private final Map<URI, String> pending = new LinkedHashMap<>();

  CardBootstrapper(
      Bootstrapper bootstrapper,
      Supplier<Optional<ClientInitiatedBootstrap>> clientInitiated,
      BootstrappedCards cards,
      LogLines log) {
    this.bootstrapper = bootstrapper;
    this.clientInitiated = clientInitiated;
    this.cards = cards;
    this.log = log;
  }

  /** A card was read in a reader: apply its bootstrap, fetch from its bootstrap servers. */
  @Override
  public void inserted(String origin, CardContent content) {
    if (content.carriesNothing()) {
      log.info().accept("Smart card " + WireText.quote(origin) + " carries no DM bootstrap");
      return;
    }
    content.bootstrap().ifPresent(bytes -> apply(origin, bytes));
    for (URI server : content.bootstrapServers()) {
      fetch(origin, server);
    }
  }

  private void apply(String origin, byte[] bytes) {
    BootstrapResult result =
        bootstrapper.apply(
            new BootstrapMessage(
                BootstrapSource.SMART_CARD, contentType(bytes), bytes, origin, true));
    log.info()
        .accept(
            "Smart card "
                + WireText.quote(origin)
                + ": bootstrap of "
                + bytes.length
                + " bytes "
                + result.outcome()
                + (result.serverIds().isEmpty() ? "" : " " + result.serverIds())
                + (result.reason().isEmpty() ? "" : ": " + result.reason()));
    if (result.applied() || result.outcome() == BootstrapResult.Outcome.UNCHANGED) {
      remember(origin);
    }
  }

  private void fetch(String origin, URI server) {
    Optional<ClientInitiatedBootstrap> client = clientInitiated.get();
    if (client.isEmpty()) {
      if (pending.size() < MAX_PENDING && pending.put(server, origin) == null) {
        log.info()
            .accept(
                "Smart card "
                    + WireText.quote(origin)
                    + " names bootstrap server "
                    + WireText.quote(server.toString())
                    + "; fetched once a client-initiated bootstrap is installed");
      }
      return;
    }
    BootstrapResult result = client.get().fetch(server, BootstrapSource.SMART_CARD);
    log.info()
        .accept(
            "Smart card "
                + WireText.quote(origin)
                + ": bootstrap server "
                + WireText.quote(server.toString())
                + " "
                + result.outcome()
                + (result.reason().isEmpty() ? "" : ": " + result.reason()));
  }

  /** Fetches from the bootstrap servers put off, once a client-initiated bootstrap is there. */
  @Override
  public void idle() {
    if (!pending.isEmpty() && clientInitiated.get().isPresent()) {
      Map<URI, String> due = new LinkedHashMap<>(pending);
      pending.clear();
      due.forEach((server, origin) -> fetch(origin, server));
    }
  }

  /** The card of {@code origin} left its reader. */
  @Override
  public void removed(String origin) {
    pending.values().removeIf(origin::equals);
    if (cards.origins().contains(origin)) {
      withdraw(origin);
    }
  }

  /**
   * The first look at the readers after start: cards that bootstrapped accounts and are not among
   * {@code present} were taken out while the agent was stopped.
   */
  @Override
  public void present(Collection<String> present) {
    for (String origin : cards.origins()) {
      if (!present.contains(origin)) {
        withdraw(origin);
      }
    }
  }

  private void withdraw(String origin) {
    BootstrapResult result = bootstrapper.withdraw(BootstrapSource.SMART_CARD, origin);
    log.info()
        .accept(
            "Smart card "
                + WireText.quote(origin)
                + " gone: accounts withdrawn "
                + result.serverIds()
                + (result.applied() ? "" : " (" + result.outcome() + ": " + result.reason() + ")"));
    if (result.applied()) {
      forget(origin);
    }
  }

  private void remember(String origin) {
    try {
      cards.add(origin);
    } catch (IOException e) {
      log.warn().accept("Smart card origins not saved: " + e.getMessage());
    }
  }

  private void forget(String origin) {
    try {
      cards.remove(origin);
    } catch (IOException e) {
      log.warn().accept("Smart card origins not saved: " + e.getMessage());
    }
  }

  /** The DM profile's bootstrap message, in WBXML unless it starts as XML. */
  static String contentType(byte[] bytes) {
    int at = 0;
    if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB) {
      at = 3; // UTF-8 byte order mark
    }
    while (at < bytes.length && Character.isWhitespace(bytes[at])) {
      at++;
    }
    boolean xml = at < bytes.length && bytes[at] == '<';
    return (xml ? DmMediaType.DM_XML : DmMediaType.DM_WBXML).mimeType();
  }
}
