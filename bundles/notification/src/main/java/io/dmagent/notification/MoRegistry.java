package io.dmagent.notification;

import java.util.Map;
import java.util.Optional;

/**
 * The OMNA MO registry indexes a DM 1.3 notification's Targeted-MO and Requested-MO options carry,
 * mapped to the MO identifiers package 1 and the tree use (FRAMINGS: the ones this agent serves).
 */
final class MoRegistry {
  private static final Map<Integer, String> IDENTIFIERS =
      Map.of(
          0x0001, "urn:oma:mo:oma-dm-devinfo:1.0",
          0x0002, "urn:oma:mo:oma-dm-devdetail:1.0",
          0x000D, "urn:oma:mo:oma-dm-dmacc:1.0",
          0x0027, "urn:oma:mo:oma-fumo:1.0",
          0x007F, "urn:oma:mo:oma-mgmtpolicymo:1.0");

  private MoRegistry() {}

  static Optional<String> identifier(int index) {
    return Optional.ofNullable(IDENTIFIERS.get(index));
  }
}
