package io.dmagent.api.bootstrap;

import java.net.URI;

/**
 * Client-initiated bootstrap (DM 1.3): fetches a bootstrap message from a DM Bootstrap Server by
 * HTTPS GET and hands it to the {@link Bootstrapper}. Registered by the bootstrap-client bundle,
 * which also carries the Bootstrap Config MO; used by its own schedule (the URLs of the Bootstrap
 * Config MO), the console and the smart-card plugin (a URL read from the card).
 */
@org.osgi.annotation.versioning.ProviderType
public interface ClientInitiatedBootstrap {

  /**
   * Fetches from {@code bootstrapServer}: a 404 means nothing to do ({@link
   * BootstrapResult.Outcome#UNCHANGED}); a message that did not change since the last fetch from
   * that URL is not applied again. Refused as {@link BootstrapResult.Outcome#NOT_ALLOWED} while the
   * Bootstrap Config MO inhibits discovery.
   */
  BootstrapResult fetch(URI bootstrapServer, BootstrapSource source);
}
