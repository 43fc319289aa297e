package io.dmagent.server.notify;

import io.dmagent.server.DeviceAuth;
import java.util.Optional;

/** What the server knows of a device to sign what it sends it, and to check what it receives. */
public interface DeviceCredentials {
  /** Whether the server knows the device at all: a record, credentials or a push address. */
  boolean knows(String devId);

  /** The credentials held for the device (its own, else the server's default). */
  Optional<DeviceAuth> auth(String devId);

  /**
   * The nonce the device holds for the server (its SRVCRED AAuthData): the one the device last gave
   * the server; empty when none was given yet.
   */
  byte[] serverNonce(String devId);
}
