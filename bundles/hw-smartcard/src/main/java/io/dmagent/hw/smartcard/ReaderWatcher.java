package io.dmagent.hw.smartcard;

import io.dmagent.api.log.WireText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;

/**
 * Watches the PC/SC readers on a thread of its own: lists them, notices a card put in or taken out
 * (waiting in {@link CardTerminals#waitForChange(long)} between looks), reads a new card once and
 * tells {@link CardEvents}. While there is no PC/SC service or no reader it stays idle, says so in
 * one line per change of state, and keeps looking, so a reader plugged in or a pcscd started later
 * is found (the JDK's PC/SC provider cannot even be created while pcscd is down: it is asked again
 * at every look). Card data never reaches a log line unquoted.
 */
final class ReaderWatcher implements AutoCloseable {
  /** The shortest pause between two looks, whatever the PC/SC service answers. */
  private static final long MIN_PAUSE_MILLIS = 50;

  private final TerminalsSource source;
  private final Pattern readerFilter;
  private final long waitMillis;
  private final CardReading reading;
  private final CardEvents events;
  private final LogLines log;
  private final Object pause = new Object();

  /** Reader name to the origin of the card in it. */
  private final Map<String, String> cards = new HashMap<>();

  private final Thread thread;
  private volatile boolean running = true;
  private String state = "";
  private boolean firstLook = true;

  ReaderWatcher(
      TerminalsSource source,
      Pattern readerFilter,
      long waitMillis,
      CardReading reading,
      CardEvents events,
      LogLines log) {
    this.source = source;
    this.readerFilter = readerFilter;
    this.waitMillis = Math.max(MIN_PAUSE_MILLIS, waitMillis);
    this.reading = reading;
    this.events = events;
    this.log = log;
    this.thread = new Thread(this::watch, "dmagent-smartcard");
    thread.setDaemon(true);
  }

  ReaderWatcher start() {
    thread.start();
    return this;
  }

  private void watch() {
    while (running) {
      CardTerminals terminals = terminals();
      Map<String, CardTerminal> readers = terminals == null ? null : readers(terminals);
      if (readers != null) {
        look(readers);
      }
      try {
        events.idle();
      } catch (RuntimeException e) {
        log.warn().accept("Smart card: " + e);
      }
      waitForChange(terminals, readers);
    }
  }

  private CardTerminals terminals() {
    try {
      return source.open();
    } catch (CardException | RuntimeException e) {
      unavailable(e);
      return null;
    }
  }

  private void unavailable(Exception e) {
    if (!firstLook) {
      // The JDK keeps the one PC/SC context it made: a pcscd restarted under it is never seen.
      String lost =
          "PC/SC lost after it worked (pcscd stopped or restarted?): "
              + rootMessage(e)
              + "; the JDK does not connect again: restart the agent to watch the readers again";
      if (!lost.equals(state)) {
        state = lost;
        log.warn().accept("Smart card: " + lost);
      }
      return;
    }
    enter(
        "PC/SC not available (pcscd not running? libpcsclite1 missing?): "
            + rootMessage(e)
            + "; idle, looking again every "
            + waitMillis
            + " ms");
  }

  /** The readers the filter lets through, by name; null while the PC/SC service is unusable. */
  private Map<String, CardTerminal> readers(CardTerminals terminals) {
    List<CardTerminal> all;
    try {
      all = terminals.list();
    } catch (CardException | RuntimeException e) {
      unavailable(e);
      return null;
    }
    Map<String, CardTerminal> chosen = new LinkedHashMap<>();
    for (CardTerminal terminal : all) {
      if (readerFilter.matcher(terminal.getName()).find()) {
        chosen.put(terminal.getName(), terminal);
      }
    }
    if (chosen.isEmpty()) {
      enter("no smart-card reader" + (all.isEmpty() ? "" : " matching the filter") + "; idle");
    } else {
      enter("watching " + WireText.quote(String.join(", ", chosen.keySet())));
    }
    return chosen;
  }

  /** Says the state once, when it changes. */
  private void enter(String newState) {
    if (!newState.equals(state)) {
      state = newState;
      log.info().accept("Smart card: " + newState);
    }
  }

  private void look(Map<String, CardTerminal> readers) {
    for (String gone : new ArrayList<>(cards.keySet())) {
      if (!readers.containsKey(gone)) {
        removed(gone);
      }
    }
    readers.forEach(
        (name, terminal) -> {
          boolean present = cardPresent(terminal);
          if (present && !cards.containsKey(name)) {
            cards.put(name, read(name, terminal));
          } else if (!present && cards.containsKey(name)) {
            removed(name);
          }
        });
    if (firstLook) {
      firstLook = false;
      events.present(List.copyOf(cards.values()));
    }
  }

  private static boolean cardPresent(CardTerminal terminal) {
    try {
      return terminal.isCardPresent();
    } catch (CardException | RuntimeException e) {
      return false;
    }
  }

  private void removed(String reader) {
    String origin = cards.remove(reader);
    log.info().accept("Smart card " + WireText.quote(origin) + " removed");
    try {
      events.removed(origin);
    } catch (RuntimeException e) {
      log.warn().accept("Smart card " + WireText.quote(origin) + ": withdrawing failed: " + e);
    }
  }

  /** Reads the card in a reader once; its origin, or one naming it unreadable. */
  private String read(String reader, CardTerminal terminal) {
    String unreadable = origin(reader, "unreadable");
    Card card;
    try {
      card = terminal.connect("*");
    } catch (CardException | RuntimeException e) {
      log.warn().accept("Smart card in " + WireText.quote(reader) + ": " + rootMessage(e));
      return unreadable;
    }
    try {
      CardContent content = reading.read(card);
      String origin = origin(reader, content.cardId());
      log.info().accept("Smart card " + WireText.quote(origin) + " inserted");
      events.inserted(origin, content);
      return origin;
    } catch (CardDataException e) {
      log.warn()
          .accept(
              "Smart card in "
                  + WireText.quote(reader)
                  + " not read, nothing applied: "
                  + e.getMessage());
      return unreadable;
    } catch (RuntimeException e) {
      log.warn().accept("Smart card in " + WireText.quote(reader) + ": " + e);
      return unreadable;
    } finally {
      disconnect(card);
    }
  }

  private static void disconnect(Card card) {
    try {
      card.disconnect(false);
    } catch (CardException | RuntimeException e) {
      // The card is gone already: nothing to release.
    }
  }

  /** {@code <reader>/<card id>}, without control characters (it is kept one per line). */
  static String origin(String reader, String cardId) {
    return (reader + "/" + cardId).replaceAll("\\p{Cntrl}", "?");
  }

  private void waitForChange(CardTerminals terminals, Map<String, CardTerminal> readers) {
    long start = System.nanoTime();
    if (readers != null && !readers.isEmpty()) {
      try {
        terminals.waitForChange(waitMillis);
      } catch (CardException | RuntimeException e) {
        sleep(waitMillis);
      }
    } else {
      sleep(waitMillis);
    }
    long spent = (System.nanoTime() - start) / 1_000_000;
    if (spent < MIN_PAUSE_MILLIS) {
      sleep(MIN_PAUSE_MILLIS - spent);
    }
  }

  private void sleep(long millis) {
    synchronized (pause) {
      if (running) {
        try {
          pause.wait(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          running = false;
        }
      }
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  /** Stops the thread; it ends within one wait (the PC/SC wait cannot be cut short). */
  @Override
  public void close() throws InterruptedException {
    running = false;
    synchronized (pause) {
      pause.notifyAll();
    }
    thread.join(waitMillis + 2000);
  }
}
