package io.dmagent.api.session;

import java.util.List;
import java.util.Objects;

/**
 * The answer to a {@link UiPrompt}: how it ended and, for text input and choices, the values (the
 * text, or the chosen choice numbers counted from 1).
 */
public record UiResponse(Outcome outcome, List<String> values) {
  /** How the interaction ended; each maps to the Status the server gets. */
  public enum Outcome {
    /** Shown (1100), confirmed (1101), or answered with {@link #values()} (1102–1104): 200. */
    ANSWERED(200),
    /** A confirmation rejected: 304. */
    REJECTED(304),
    /** The user cancelled: 214. */
    CANCELLED(214),
    /** Nobody answered within the maximum display time: 408. */
    TIMED_OUT(408),
    /** This device does not take user interaction: 406. */
    NOT_SUPPORTED(406),
    /** The prompt cannot be shown (too many choices, too long): 416. */
    CANNOT_DISPLAY(416);

    private final int status;

    Outcome(int status) {
      this.status = status;
    }

    /** The status code that answers the alert. */
    public int status() {
      return status;
    }
  }

  public UiResponse {
    Objects.requireNonNull(outcome);
    values = List.copyOf(values);
  }

  public static UiResponse answered(String... values) {
    return new UiResponse(Outcome.ANSWERED, List.of(values));
  }

  public static UiResponse answered(List<String> values) {
    return new UiResponse(Outcome.ANSWERED, values);
  }

  public static UiResponse of(Outcome outcome) {
    return new UiResponse(outcome, List.of());
  }
}
