package io.dmagent.bootstrap;

import java.lang.annotation.Annotation;

/** A {@link BootstrapConfig} as ConfigAdmin would give it, with the defaults unless overridden. */
class Configs implements BootstrapConfig {
  boolean allowUnsignedFactory;
  String[] trustedChannels = {"SMART_CARD", "BOOTSTRAP_SERVER"};
  int maxMessageSize = 262144;

  @Override
  public Class<? extends Annotation> annotationType() {
    return BootstrapConfig.class;
  }

  @Override
  public String networkSecret() {
    return Messages.IMSI;
  }

  @Override
  public String userPin() {
    return Messages.PIN;
  }

  @Override
  public boolean allowUnsignedFactory() {
    return allowUnsignedFactory;
  }

  @Override
  public String[] trustedChannels() {
    return trustedChannels;
  }

  @Override
  public boolean allowWeakerReplace() {
    return false;
  }

  @Override
  public int maxMessageSize() {
    return maxMessageSize;
  }

  @Override
  public boolean sessionAfterBootstrap() {
    return true;
  }

  @Override
  public String folder() {
    return "";
  }
}
