package io.dmagent.api.bootstrap;

/**
 * Where a bootstrap message came from. The source decides which security a message needs: a WAP
 * push proves nothing and must carry a MAC; a factory file and a smart card are local to the
 * gateway; a bootstrap server is authenticated by its TLS certificate.
 */
public enum BootstrapSource {
  /**
   * A file an operator or the factory dropped into the distribution's {@code config/bootstrap/}.
   */
  FACTORY_FILE,
  /** A server-initiated bootstrap pushed over WAP (connectionless push, port 2948). */
  WAP_PUSH,
  /** The bootstrap file of a smart card (PKCS#15 EF(DM_Bootstrap)) or its card web server. */
  SMART_CARD,
  /** Client-initiated bootstrap: an HTTPS GET to a DM Bootstrap Server. */
  BOOTSTRAP_SERVER
}
