package io.dmagent.codec.description;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeFormat;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * How a TNDS Value travels, and what bytes the model holds for it (always the decoded value, as
 * {@link io.dmagent.api.description.TndsNode} asks).
 *
 * <ul>
 *   <li>Binary leaves (Format {@code bin} or {@code b64}): over XML the Value is Base64 text and
 *       the Format is written {@code b64}, since XML cannot carry raw bytes and TND asks for b64
 *       there; over WBXML it is OPAQUE with Format {@code bin}. On reading, Base64 text under bin
 *       or b64 is decoded (white space allowed), OPAQUE under bin is taken as is, OPAQUE under b64
 *       is Base64 text in bytes.
 *   <li>Format {@code b64} is a transfer encoding: the model holds such a node as {@code bin} (TND:
 *       "decode on receipt, store as bin"), so a model with b64 reads back as bin.
 *   <li>Other leaves: text is its UTF-8 bytes. A value that is not UTF-8 or holds characters the
 *       encoding cannot carry goes as OPAQUE over WBXML and is refused over XML (415).
 * </ul>
 */
final class ValueForms {
  private ValueForms() {}

  static boolean isBinary(Optional<NodeFormat> format) {
    return format.filter(f -> f == NodeFormat.BIN || f == NodeFormat.B64).isPresent();
  }

  /** The node's Format as the model holds it. */
  static Optional<NodeFormat> stored(Optional<NodeFormat> wire) {
    return wire.map(f -> f == NodeFormat.B64 ? NodeFormat.BIN : f);
  }

  /** The Format element written for a node, depending on whether the encoding has OPAQUE. */
  static NodeFormat wire(NodeFormat stored, boolean opaque) {
    if (stored == NodeFormat.BIN || stored == NodeFormat.B64) {
      return opaque ? NodeFormat.BIN : NodeFormat.B64;
    }
    return stored;
  }

  static byte[] read(Optional<NodeFormat> format, Content content) throws DmException {
    if (content instanceof Content.Opaque o) {
      return format.filter(f -> f == NodeFormat.B64).isPresent()
          ? base64(new String(o.data(), StandardCharsets.ISO_8859_1))
          : o.data();
    }
    String text = ((Content.Text) content).text();
    return isBinary(format) ? base64(text) : text.getBytes(StandardCharsets.UTF_8);
  }

  static void write(MarkupWriter w, Optional<NodeFormat> format, byte[] value) throws DmException {
    if (isBinary(format)) {
      if (w.carriesOpaque()) {
        w.opaque(DdfTag.VALUE, value);
      } else {
        w.text(DdfTag.VALUE, Base64.getEncoder().encodeToString(value));
      }
      return;
    }
    Optional<String> text = Utf8.strict(value).filter(w::accepts);
    if (text.isPresent()) {
      w.text(DdfTag.VALUE, text.get());
    } else if (w.carriesOpaque()) {
      w.opaque(DdfTag.VALUE, value);
    } else {
      throw Refusals.unsupported(
          "a " + format.map(NodeFormat::wireName).orElse("chr") + " Value that is not XML text");
    }
  }

  private static byte[] base64(String text) throws DmException {
    try {
      return Base64.getDecoder().decode(XmlChars.withoutWhitespace(text));
    } catch (IllegalArgumentException e) {
      throw Refusals.malformed("a binary Value is not Base64");
    }
  }
}
