package io.dmagent.shell;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.StatusCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * A value typed on the console, turned into the {@link NodeValue} that {@code dm:set} stores. Text
 * formats take the text as it is; bin and b64 take Base64 (bin is decoded here, b64 travels as
 * Base64 text and the tree decodes it). Whether the text fits the Format (an int, a bool, ...) is
 * the tree's check, as for a server's Replace.
 */
final class ValueInput {
  private ValueInput() {}

  /**
   * The format named by {@code --format}.
   *
   * @throws DmException 415 for a name that is no leaf Format
   */
  static NodeFormat format(String name) throws DmException {
    Optional<NodeFormat> format = NodeFormat.fromWireName(name.toLowerCase(Locale.ROOT));
    if (format.isEmpty()) {
      throw new DmException(
          StatusCode.UNSUPPORTED_MEDIA_TYPE_OR_FORMAT,
          "unknown format '" + name + "': b64, bin, bool, chr, int, float, date, time, xml, null");
    }
    if (format.get() == NodeFormat.NODE) {
      throw new DmException(
          StatusCode.UNSUPPORTED_MEDIA_TYPE_OR_FORMAT,
          "a leaf cannot have Format node: use dm:add-node for an interior node");
    }
    return format.get();
  }

  /**
   * The value to store.
   *
   * @throws DmException 415 when a bin value is not Base64
   */
  static NodeValue value(String text, NodeFormat format, String type) throws DmException {
    if (format == NodeFormat.BIN) {
      try {
        return NodeValue.of(Base64.getMimeDecoder().decode(text), format, type);
      } catch (IllegalArgumentException e) {
        throw new DmException(
            StatusCode.UNSUPPORTED_MEDIA_TYPE_OR_FORMAT, "a bin value is given in Base64");
      }
    }
    return NodeValue.of(text.getBytes(StandardCharsets.UTF_8), format, type);
  }
}
