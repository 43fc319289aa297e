package io.dmagent.itest.framework;

import java.util.Objects;

/**
 * What an operator's account configuration ({@code io.dmagent.protocol.account}) says beyond the
 * server's ServerID and address, which come from the server the agent is connected to: the client
 * credentials and the secret the server must prove.
 */
public record Account(String authType, String authName, String authSecret, String serverSecret) {

  public Account {
    Objects.requireNonNull(authType);
    Objects.requireNonNull(authName);
    Objects.requireNonNull(authSecret);
    Objects.requireNonNull(serverSecret);
  }

  /** An account without credentials. */
  public static Account anonymous() {
    return new Account("", "", "", "");
  }

  /** An account presenting these credentials with {@code authType} (BASIC, DIGEST, HMAC, ...). */
  public static Account presenting(String authType, String name, String secret) {
    return new Account(authType, name, secret, "");
  }

  /** The same account demanding that the server prove {@code secret}. */
  public Account checkingServerWith(String secret) {
    return new Account(authType, authName, authSecret, secret);
  }
}
