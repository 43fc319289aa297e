package io.dmagent.api.push;

/**
 * The one receiver of pushes, registered by the notification bundle: it verifies a package #0 (DM
 * 1.2 or 1.3 layout) and asks for the session it requests, and passes a DM message on to the {@link
 * PushContentHandler} registered for its type (sessionless commands). Bindings call it from their
 * own threads; it never blocks on a session, a user or the network.
 */
@org.osgi.annotation.versioning.ProviderType
public interface PushReceiver {

  /** Verifies and dispatches one push; a refusal is logged here, once, with its reason. */
  PushVerdict receive(PushMessage message);

  /**
   * The largest body it takes, in bytes: a binding stops reading beyond it and answers {@link
   * PushOutcome#TOO_LARGE} without calling {@link #receive}.
   */
  int maxMessageSize();
}
