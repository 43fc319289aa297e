package io.dmagent.bootstrap;

import io.dmagent.api.bootstrap.BootstrapSource;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The acceptance policy of bootstraps, from {@link BootstrapConfig}: which sources may go unsigned,
 * whether a weaker source may replace an account, the size bound, and the session afterwards.
 */
record BootstrapSettings(
    boolean allowUnsignedFactory,
    Set<BootstrapSource> trustedChannels,
    boolean allowWeakerReplace,
    int maxMessageSize,
    boolean sessionAfterBootstrap) {

  static final int MIN_SIZE = 1024;

  BootstrapSettings {
    trustedChannels = trustedChannels.isEmpty() ? Set.of() : EnumSet.copyOf(trustedChannels);
  }

  static BootstrapSettings of(BootstrapConfig c) {
    Set<BootstrapSource> trusted = EnumSet.noneOf(BootstrapSource.class);
    for (String s : c.trustedChannels()) {
      try {
        trusted.add(BootstrapSource.valueOf(s.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        // An unknown name trusts nothing.
      }
    }
    return new BootstrapSettings(
        c.allowUnsignedFactory(),
        trusted,
        c.allowWeakerReplace(),
        Math.max(MIN_SIZE, c.maxMessageSize()),
        c.sessionAfterBootstrap());
  }

  /** The defaults: signed messages only, except from TLS bootstrap servers and smart cards. */
  static BootstrapSettings defaults() {
    return new BootstrapSettings(
        false,
        EnumSet.of(BootstrapSource.SMART_CARD, BootstrapSource.BOOTSTRAP_SERVER),
        false,
        256 * 1024,
        true);
  }

  BootstrapSettings withUnsignedFactory(boolean allow) {
    return new BootstrapSettings(
        allow, trustedChannels, allowWeakerReplace, maxMessageSize, sessionAfterBootstrap);
  }

  BootstrapSettings withWeakerReplace(boolean allow) {
    return new BootstrapSettings(
        allowUnsignedFactory, trustedChannels, allow, maxMessageSize, sessionAfterBootstrap);
  }

  BootstrapSettings withMaxMessageSize(int size) {
    return new BootstrapSettings(
        allowUnsignedFactory, trustedChannels, allowWeakerReplace, size, sessionAfterBootstrap);
  }

  BootstrapSettings withSessionAfterBootstrap(boolean session) {
    return new BootstrapSettings(
        allowUnsignedFactory, trustedChannels, allowWeakerReplace, maxMessageSize, session);
  }

  /**
   * How much a source is trusted to own an account: what is local to the gateway (a factory file, a
   * smart card in its reader) above a bootstrap server authenticated by TLS, above a WAP push that
   * only its MAC vouches for. A source may replace the account of an equal or weaker one.
   */
  static int rank(BootstrapSource source) {
    return switch (source) {
      case FACTORY_FILE, SMART_CARD -> 3;
      case BOOTSTRAP_SERVER -> 2;
      case WAP_PUSH -> 1;
    };
  }

  /** Whether an unsigned message from {@code source} may be applied. */
  boolean takesUnsigned(BootstrapSource source, boolean channelAuthenticated) {
    if (source == BootstrapSource.FACTORY_FILE && allowUnsignedFactory) {
      return true;
    }
    return channelAuthenticated && trustedChannels.contains(source);
  }
}
