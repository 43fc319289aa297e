package io.dmagent.api.bootstrap;

/**
 * The one path of bootstrap messages into the tree, registered by the bootstrap bundle. Sources
 * (push-wap through its content handler, the factory folder, the smart-card plugin, the
 * client-initiated fetch) call it with what they got.
 */
@org.osgi.annotation.versioning.ProviderType
public interface Bootstrapper {

  /**
   * Checks the message's security for its source, applies it to the tree as one transaction (DM
   * profile: SyncML with TNDS and Inbox; CP profile: the w7 characteristic) and, when it asks or
   * the configuration does, starts a session with each server it configured. Never throws for bad
   * input: the outcome says why it was refused, with one log line.
   */
  BootstrapResult apply(BootstrapMessage message);

  /**
   * Removes the accounts that {@code source} and {@code origin} (e.g. one smart card) bootstrapped
   * and that its current content no longer carries; called with an origin that is gone (a card
   * removed) it removes every account that origin put in, as the smart-card bootstrap asks.
   *
   * @return the ServerIDs removed, with outcome {@link BootstrapResult.Outcome#APPLIED}
   */
  BootstrapResult withdraw(BootstrapSource source, String origin);
}
