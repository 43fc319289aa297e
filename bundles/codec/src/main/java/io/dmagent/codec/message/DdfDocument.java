package io.dmagent.codec.message;

import io.dmagent.codec.description.DdfTag;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Embedded markup as the WBXML DM DDF document that goes into a WBXML message's Data as OPAQUE: the
 * form libwbxml writes (and reads back as inline XML) and AOSP uses for TNDS. Version 1.2, public
 * id {@value WbxmlReader#DDF_FPI} in the string table, UTF-8, every tag on code page 2, an element
 * without content without the content bit.
 */
final class DdfDocument implements MarkupHandler {
  private static final int CONTENT = 0x40;
  private static final int END = 0x01;

  private final Bytes out = new Bytes(256);

  /** Per open element: where its tag byte is, or -1 once it has content. */
  private final Deque<Integer> tags = new ArrayDeque<>();

  /**
   * The document of a Markup's XML text.
   *
   * @throws IllegalArgumentException when the markup is not DM DDF vocabulary
   */
  static byte[] of(String xml) {
    DdfDocument d = new DdfDocument();
    MarkupText.replay(xml, d);
    return d.out.toByteArray();
  }

  private DdfDocument() {
    byte[] fpi = (WbxmlReader.DDF_FPI + '\0').getBytes(StandardCharsets.US_ASCII);
    out.write(0x02); // WBXML 1.2
    out.writeMbUint(0); // public id in the string table ...
    out.writeMbUint(0); // ... at index 0
    out.writeMbUint(WbxmlReader.UTF_8);
    out.writeMbUint(fpi.length);
    out.write(fpi);
    out.write(0x00); // SWITCH_PAGE
    out.write(DdfTag.CODE_PAGE);
  }

  @Override
  public void start(String namespace, String name) {
    if (!namespace.equals(Namespaces.DDF)) {
      throw new IllegalArgumentException(
          "Markup data in namespace " + namespace + " cannot go out in WBXML");
    }
    DdfTag tag =
        DdfTag.of(name)
            .orElseThrow(() -> new IllegalArgumentException("<" + name + "> is no DM DDF element"));
    contentFollows();
    tags.push(out.size());
    out.write(tag.token() | CONTENT);
  }

  @Override
  public void text(String text) {
    contentFollows();
    WbxmlSink.string(out, "Data", text);
  }

  @Override
  public void end() {
    int position = tags.pop();
    if (position >= 0) {
      out.set(position, out.get(position) & ~CONTENT);
    } else {
      out.write(END);
    }
  }

  private void contentFollows() {
    if (!tags.isEmpty()) {
      tags.pop();
      tags.push(-1);
    }
  }
}
