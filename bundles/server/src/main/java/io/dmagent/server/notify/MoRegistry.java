package io.dmagent.server.notify;

import java.util.Map;
import java.util.OptionalInt;

/**
 * OMNA management object registry indexes the DM 1.3 notification names MOs by (Targeted-MO and
 * Requested-MO options): the ones the agent knows, after FRAMINGS.md.
 */
public final class MoRegistry {
  private static final Map<String, Integer> INDEX =
      Map.of(
          "urn:oma:mo:oma-dm-devinfo:1.0", 0x0001,
          "urn:oma:mo:oma-dm-devdetail:1.0", 0x0002,
          "urn:oma:mo:oma-dm-dmacc:1.0", 0x000D,
          "urn:oma:mo:oma-fumo:1.0", 0x0027,
          "urn:oma:mo:oma-mgmtpolicymo:1.0", 0x007F);

  private MoRegistry() {}

  /** The registry index of the MO identifier {@code urn}, if the table has it. */
  public static OptionalInt index(String urn) {
    Integer i = INDEX.get(urn);
    return i == null ? OptionalInt.empty() : OptionalInt.of(i);
  }
}
