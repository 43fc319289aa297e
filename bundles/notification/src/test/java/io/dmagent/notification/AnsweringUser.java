package io.dmagent.notification;

import io.dmagent.api.session.UiPrompt;
import io.dmagent.api.session.UiResponse;
import io.dmagent.api.session.UserInteraction;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A user who answers every question the same way and remembers what was shown. */
final class AnsweringUser implements UserInteraction {
  final List<UiPrompt> prompts = new CopyOnWriteArrayList<>();
  private final UiResponse answer;

  AnsweringUser(UiResponse answer) {
    this.answer = answer;
  }

  @Override
  public UiResponse interact(UiPrompt prompt) {
    prompts.add(prompt);
    return answer;
  }
}
