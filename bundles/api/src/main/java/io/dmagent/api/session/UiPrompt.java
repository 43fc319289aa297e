package io.dmagent.api.session;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One user-interaction alert as the server sent it: what kind, the text, the choices (numbered from
 * 1 on the wire) and the options of its first item (MINDT, MAXDT, DR, MAXLEN, IT, ET). The default
 * response is kept as written: {@code 0}/{@code 1} for a confirmation, a text, a choice number, or
 * choice numbers separated by {@code -}.
 */
public record UiPrompt(
    String serverId,
    UiKind kind,
    String text,
    List<String> choices,
    Optional<Duration> minDisplayTime,
    Optional<Duration> maxDisplayTime,
    Optional<String> defaultResponse,
    OptionalInt maxLength,
    Optional<String> inputType,
    boolean hiddenInput) {
  public UiPrompt {
    Objects.requireNonNull(serverId);
    Objects.requireNonNull(kind);
    Objects.requireNonNull(text);
    choices = List.copyOf(choices);
    Objects.requireNonNull(minDisplayTime);
    Objects.requireNonNull(maxDisplayTime);
    Objects.requireNonNull(defaultResponse);
    Objects.requireNonNull(maxLength);
    Objects.requireNonNull(inputType);
  }
}
