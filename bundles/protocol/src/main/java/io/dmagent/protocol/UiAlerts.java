package io.dmagent.protocol;

import io.dmagent.api.log.WireText;
import io.dmagent.api.message.Alert;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.ItemData;
import io.dmagent.api.session.UiKind;
import io.dmagent.api.session.UiPrompt;
import io.dmagent.api.session.UiResponse;
import io.dmagent.api.session.UserInteraction;
import io.dmagent.api.tree.StatusCode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * User-interaction alerts (1100–1104, digest 1.8): the first item holds the options ({@code
 * MINDT=..&MAXDT=..&DR=..}, unknown ones skipped), the second the text, the rest the choices; the
 * answer goes back in the alert's Status (200 with the text or chosen numbers as items, 304 for a
 * rejected confirmation, 214 cancelled, 406 when the device takes no user interaction).
 */
final class UiAlerts {
  /** The Status an alert gets: its code and, for input and choices, the answer's items. */
  record Answer(int code, List<Item> items) {}

  private final Supplier<UserInteraction> ui;
  private final String serverId;
  private final Consumer<String> log;

  UiAlerts(Supplier<UserInteraction> ui, String serverId, Consumer<String> log) {
    this.ui = ui;
    this.serverId = serverId;
    this.log = log;
  }

  static boolean isUserInteraction(Alert alert) {
    return UiKind.ofAlertCode(alert.code()).isPresent();
  }

  Answer answer(Alert alert) {
    UiKind kind = UiKind.ofAlertCode(alert.code()).orElseThrow();
    List<Item> items = alert.items();
    int needed = kind == UiKind.SINGLE_CHOICE || kind == UiKind.MULTIPLE_CHOICE ? 3 : 2;
    if (items.size() < needed) {
      return new Answer(StatusCode.INCOMPLETE_COMMAND.code(), List.of());
    }
    List<String> choices = new ArrayList<>();
    for (Item choice : items.subList(2, items.size())) {
      choices.add(text(choice));
    }
    Options options = Options.parse(text(items.get(0)));
    UiPrompt prompt =
        new UiPrompt(
            serverId,
            kind,
            text(items.get(1)),
            choices,
            options.seconds("MINDT"),
            options.seconds("MAXDT"),
            options.value("DR"),
            options.number("MAXLEN"),
            options.value("IT"),
            options.value("ET").filter("P"::equals).isPresent());
    UiResponse response;
    try {
      UserInteraction service = ui.get();
      response =
          service == null
              ? UiResponse.of(UiResponse.Outcome.NOT_SUPPORTED)
              : service.interact(prompt);
    } catch (RuntimeException e) {
      log.accept(
          "user interaction for alert "
              + alert.code()
              + " failed: "
              + WireText.escape(e.toString(), 300));
      return new Answer(StatusCode.COMMAND_FAILED.code(), List.of());
    }
    if (response.outcome() != UiResponse.Outcome.ANSWERED) {
      return new Answer(response.outcome().status(), List.of());
    }
    List<Item> answer = new ArrayList<>();
    switch (kind) {
      case TEXT_INPUT, SINGLE_CHOICE -> answer.add(Item.data(first(response.values())));
      case MULTIPLE_CHOICE -> response.values().forEach(v -> answer.add(Item.data(v)));
      default -> {}
    }
    return new Answer(StatusCode.OK.code(), answer);
  }

  private static String first(List<String> values) {
    return values.isEmpty() ? "" : values.get(0);
  }

  private static String text(Item item) {
    return item.data().map(ItemData::text).orElse("");
  }

  /** The URL-encoded options of the first item. */
  private record Options(List<String[]> pairs) {
    static Options parse(String text) {
      List<String[]> pairs = new ArrayList<>();
      for (String part : text.split("&")) {
        int eq = part.indexOf('=');
        if (eq > 0) {
          pairs.add(
              new String[] {
                part.substring(0, eq).trim().toUpperCase(), decode(part.substring(eq + 1))
              });
        }
      }
      return new Options(pairs);
    }

    private static String decode(String s) {
      try {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return s;
      }
    }

    Optional<String> value(String key) {
      return pairs.stream().filter(p -> p[0].equals(key)).map(p -> p[1]).findFirst();
    }

    OptionalInt number(String key) {
      Optional<String> v = value(key);
      if (v.isEmpty()) {
        return OptionalInt.empty();
      }
      try {
        return OptionalInt.of(Integer.parseInt(v.get().trim()));
      } catch (NumberFormatException e) {
        return OptionalInt.empty();
      }
    }

    Optional<Duration> seconds(String key) {
      OptionalInt n = number(key);
      return n.isPresent() && n.getAsInt() >= 0
          ? Optional.of(Duration.ofSeconds(n.getAsInt()))
          : Optional.empty();
    }
  }
}
