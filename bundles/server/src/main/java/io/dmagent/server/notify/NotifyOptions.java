package io.dmagent.server.notify;

import io.dmagent.server.push.PushBinding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The options of {@code dmserver:notify}: {@code [--binding http|sip|wap|mqtt] [--ui
 * background|informative|interactive] [--format 1.2|1.3] [--reason text] [--request-mo urn]...
 * [--session hex] [--out file]}. With {@code --out} the notification is written to the file instead
 * of pushed (for sending it with another tool).
 */
public record NotifyOptions(
    Optional<PushBinding> binding,
    UiMode uiMode,
    NotificationFormat format,
    Optional<String> reason,
    List<String> requestedMos,
    OptionalInt sessionId,
    Optional<Path> out) {
  public static final String USAGE =
      "dmserver:notify <DevId> [--binding http|sip|wap|mqtt]"
          + " [--ui background|informative|interactive] [--format 1.2|1.3] [--reason text]"
          + " [--request-mo urn]... [--session hex] [--out file]";

  public NotifyOptions {
    Objects.requireNonNull(binding);
    Objects.requireNonNull(uiMode);
    Objects.requireNonNull(format);
    Objects.requireNonNull(reason);
    requestedMos = List.copyOf(requestedMos);
    Objects.requireNonNull(sessionId);
    Objects.requireNonNull(out);
  }

  /** Background, in {@code format}, over the device's first address. */
  public static NotifyOptions defaults(NotificationFormat format) {
    return new NotifyOptions(
        Optional.empty(),
        UiMode.BACKGROUND,
        format,
        Optional.empty(),
        List.of(),
        OptionalInt.empty(),
        Optional.empty());
  }

  /**
   * The options from the console's words.
   *
   * @throws IllegalArgumentException naming the word that is wrong
   */
  public static NotifyOptions parse(List<String> words, NotificationFormat defaultFormat) {
    Optional<PushBinding> binding = Optional.empty();
    UiMode ui = UiMode.BACKGROUND;
    NotificationFormat format = defaultFormat;
    Optional<String> reason = Optional.empty();
    List<String> mos = new ArrayList<>();
    OptionalInt session = OptionalInt.empty();
    Optional<Path> out = Optional.empty();
    for (int i = 0; i < words.size(); i++) {
      String option = words.get(i);
      if (i + 1 >= words.size()) {
        throw new IllegalArgumentException(option + " without a value");
      }
      String value = words.get(++i);
      switch (option) {
        case "--binding" ->
            binding = Optional.of(PushBinding.named(value).orElseThrow(() -> bad(option, value)));
        case "--ui" -> ui = UiMode.named(value).orElseThrow(() -> bad(option, value));
        case "--format" ->
            format = NotificationFormat.named(value).orElseThrow(() -> bad(option, value));
        case "--reason" -> reason = Optional.of(value);
        case "--request-mo" -> mos.add(value);
        case "--session" -> session = OptionalInt.of(sessionId(value));
        case "--out" -> out = Optional.of(Path.of(value));
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    if (format == NotificationFormat.DM12 && (reason.isPresent() || !mos.isEmpty())) {
      throw new IllegalArgumentException("--reason and --request-mo need --format 1.3");
    }
    return new NotifyOptions(binding, ui, format, reason, mos, session, out);
  }

  private static int sessionId(String hex) {
    if (!hex.matches("[0-9A-Fa-f]{1,4}")) {
      throw bad("--session", hex + " (1 to 4 hex digits)");
    }
    return HexFormat.fromHexDigits(hex);
  }

  private static IllegalArgumentException bad(String option, String value) {
    return new IllegalArgumentException("bad value for " + option + ": " + value);
  }
}
