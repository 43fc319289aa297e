package io.dmagent.server;

import io.dmagent.api.security.AuthScheme;
import java.util.Objects;
import java.util.Optional;

/**
 * The credentials the server holds for a device: the scheme the device must authenticate with, its
 * name (the AAuthName of its CLCRED) and secret, and how the server proves itself to the device
 * (its SRVCRED: the scheme, none to send no credentials, and the server's secret; the name is the
 * ServerID). Secrets never appear in {@link #toString()}.
 */
public record DeviceAuth(
    AuthScheme clientScheme,
    String clientName,
    String clientSecret,
    Optional<AuthScheme> serverScheme,
    String serverSecret) {
  public DeviceAuth {
    Objects.requireNonNull(clientScheme);
    Objects.requireNonNull(clientName);
    Objects.requireNonNull(clientSecret);
    Objects.requireNonNull(serverScheme);
    Objects.requireNonNull(serverSecret);
  }

  /** The device and the server use the same scheme both ways. */
  public static DeviceAuth mutual(
      AuthScheme scheme, String clientName, String clientSecret, String serverSecret) {
    return new DeviceAuth(scheme, clientName, clientSecret, Optional.of(scheme), serverSecret);
  }

  /** The server checks the device and sends no credentials of its own. */
  public static DeviceAuth clientOnly(AuthScheme scheme, String clientName, String clientSecret) {
    return new DeviceAuth(scheme, clientName, clientSecret, Optional.empty(), "");
  }

  @Override
  public String toString() {
    return "DeviceAuth["
        + clientScheme.aauthType()
        + ", "
        + clientName
        + ", ***, server "
        + serverScheme.map(AuthScheme::aauthType).orElse("none")
        + ", ***]";
  }
}
