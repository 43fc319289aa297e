package io.dmagent.protocol.ui;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** How a gateway without a user answers the server's user-interaction alerts. */
@ObjectClassDefinition(
    name = "DM Agent user interaction (headless)",
    description =
        "Answers to the server's user-interaction alerts (1100-1104) on a gateway nobody watches.")
public @interface HeadlessUiConfig {
  String PID = "io.dmagent.protocol.ui";

  @AttributeDefinition(
      description = "Take user-interaction alerts at all; false answers every one with 406.")
  boolean enabled() default true;

  @AttributeDefinition(
      description =
          "Confirmation (1101): ACCEPT, REJECT, or DEFAULT_RESPONSE (the alert's DR option: 1"
              + " accepts, 0 rejects; accepted when it has none).")
  HeadlessUserInteraction.Confirm confirm() default
      HeadlessUserInteraction.Confirm.DEFAULT_RESPONSE;

  @AttributeDefinition(
      description =
          "Text input (1102): DEFAULT_RESPONSE (the alert's DR option, else defaultText) or"
              + " CANCEL (214).")
  HeadlessUserInteraction.Input textInput() default HeadlessUserInteraction.Input.DEFAULT_RESPONSE;

  @AttributeDefinition(description = "The text given when a text input has no DR option.")
  String defaultText() default "";

  @AttributeDefinition(
      description =
          "Choices (1103, 1104): DEFAULT_RESPONSE (the alert's DR option, else the first choice"
              + " for 1103 and none for 1104), FIRST, or CANCEL (214).")
  HeadlessUserInteraction.Choice choice() default HeadlessUserInteraction.Choice.DEFAULT_RESPONSE;
}
