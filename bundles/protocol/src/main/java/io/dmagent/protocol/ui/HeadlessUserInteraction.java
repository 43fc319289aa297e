package io.dmagent.protocol.ui;

import io.dmagent.api.log.WireText;
import io.dmagent.api.session.UiPrompt;
import io.dmagent.api.session.UiResponse;
import io.dmagent.api.session.UserInteraction;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The user interaction of a gateway without a user: answers at once, from configuration, the way
 * the operator chose ({@link HeadlessUiConfig}); a text to display is logged in one line. A bundle
 * with a real display registers its own {@link UserInteraction} with a higher service ranking.
 */
@Component(
    service = UserInteraction.class,
    configurationPid = HeadlessUiConfig.PID,
    property = "service.ranking:Integer=-100")
@Designate(ocd = HeadlessUiConfig.class)
public final class HeadlessUserInteraction implements UserInteraction {
  /** How a confirmation is answered. */
  public enum Confirm {
    ACCEPT,
    REJECT,
    DEFAULT_RESPONSE
  }

  /** How a text input is answered. */
  public enum Input {
    DEFAULT_RESPONSE,
    CANCEL
  }

  /** How choices are answered. */
  public enum Choice {
    DEFAULT_RESPONSE,
    FIRST,
    CANCEL
  }

  /** The configured answers. */
  public record Answers(
      boolean enabled, Confirm confirm, Input textInput, String defaultText, Choice choice) {
    public Answers {
      Objects.requireNonNull(confirm);
      Objects.requireNonNull(textInput);
      Objects.requireNonNull(defaultText);
      Objects.requireNonNull(choice);
    }

    /** Accept confirmations, take every DR, display nothing but a log line. */
    public static Answers defaults() {
      return new Answers(
          true, Confirm.DEFAULT_RESPONSE, Input.DEFAULT_RESPONSE, "", Choice.DEFAULT_RESPONSE);
    }
  }

  private final Answers answers;
  private final Consumer<String> log;

  @Activate
  public HeadlessUserInteraction(
      HeadlessUiConfig config, @Reference(service = LoggerFactory.class) Logger log) {
    this(
        new Answers(
            config.enabled(),
            config.confirm(),
            config.textInput(),
            config.defaultText(),
            config.choice()),
        log::info);
  }

  public HeadlessUserInteraction(Answers answers, Consumer<String> log) {
    this.answers = answers;
    this.log = log;
  }

  @Override
  public UiResponse interact(UiPrompt prompt) {
    if (!answers.enabled()) {
      return UiResponse.of(UiResponse.Outcome.NOT_SUPPORTED);
    }
    return switch (prompt.kind()) {
      case DISPLAY -> {
        log.accept(
            "server "
                + WireText.quote(prompt.serverId(), 64)
                + " displays: "
                + WireText.quote(prompt.text(), 200));
        yield UiResponse.answered();
      }
      case CONFIRM -> confirm(prompt);
      case TEXT_INPUT -> text(prompt);
      case SINGLE_CHOICE, MULTIPLE_CHOICE -> choose(prompt);
    };
  }

  private UiResponse confirm(UiPrompt prompt) {
    boolean yes =
        switch (answers.confirm()) {
          case ACCEPT -> true;
          case REJECT -> false;
          case DEFAULT_RESPONSE ->
              !prompt.defaultResponse().map(String::trim).orElse("1").equals("0");
        };
    return yes ? UiResponse.answered() : UiResponse.of(UiResponse.Outcome.REJECTED);
  }

  private UiResponse text(UiPrompt prompt) {
    if (answers.textInput() == Input.CANCEL) {
      return UiResponse.of(UiResponse.Outcome.CANCELLED);
    }
    String text = prompt.defaultResponse().orElse(answers.defaultText());
    if (prompt.maxLength().isPresent() && text.length() > prompt.maxLength().getAsInt()) {
      text = text.substring(0, Math.max(0, prompt.maxLength().getAsInt()));
    }
    return UiResponse.answered(text);
  }

  private UiResponse choose(UiPrompt prompt) {
    boolean single = prompt.kind() == io.dmagent.api.session.UiKind.SINGLE_CHOICE;
    switch (answers.choice()) {
      case CANCEL:
        return UiResponse.of(UiResponse.Outcome.CANCELLED);
      case FIRST:
        return UiResponse.answered("1");
      default:
        List<String> picked = new ArrayList<>();
        for (String part : prompt.defaultResponse().orElse("").split("[-,]")) {
          String p = part.trim();
          if (isChoice(p, prompt.choices().size()) && !picked.contains(p)) {
            picked.add(p);
          }
        }
        if (single) {
          return UiResponse.answered(picked.isEmpty() ? "1" : picked.get(0));
        }
        return UiResponse.answered(picked);
    }
  }

  private static boolean isChoice(String s, int count) {
    try {
      int n = Integer.parseInt(s);
      return n >= 1 && n <= count;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
