package io.dmagent.api.session;

/**
 * Shows a server's user-interaction alert (1100–1104) to whoever operates the device and returns
 * the answer. The protocol bundle registers a headless default that answers from configuration; a
 * bundle with a real display or console registers its own with a higher service ranking. Called on
 * the session's thread: an implementation may block until the user answers, but no longer than the
 * prompt's maximum display time.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface UserInteraction {
  UiResponse interact(UiPrompt prompt);
}
