package io.dmagent.codec.message;

import io.dmagent.api.message.ItemData;
import io.dmagent.api.message.Meta;

/**
 * The media type an item's Meta gives a TNDS document follows the document's encoding on the wire:
 * {@code application/vnd.syncml.dmtnds+wbxml} for the WBXML document embedded in a WBXML message,
 * {@code +xml} for the elements of an XML one. libwbxml converts between the two that way, and
 * decodes an embedded document only under the {@code +wbxml} type. The model holds embedded markup
 * as XML text ({@link ItemData.Markup}), so its type there is always {@code +xml}.
 */
final class TndsType {
  static final String XML = "application/vnd.syncml.dmtnds+xml";
  static final String WBXML = "application/vnd.syncml.dmtnds+wbxml";

  private TndsType() {}

  /** The Meta to write for an item carrying {@code data} in WBXML. */
  static Meta forWbxml(Meta meta, ItemData data) {
    return data instanceof ItemData.Markup && meta.type().filter(XML::equalsIgnoreCase).isPresent()
        ? meta.withType(WBXML)
        : meta;
  }

  /** The Meta of the model for an item that came with {@code data}, in either encoding. */
  static Meta forModel(Meta meta, ItemData data) {
    return data instanceof ItemData.Markup
            && meta.type().filter(WBXML::equalsIgnoreCase).isPresent()
        ? meta.withType(XML)
        : meta;
  }
}
