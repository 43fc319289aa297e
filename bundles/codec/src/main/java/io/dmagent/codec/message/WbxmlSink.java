package io.dmagent.codec.message;

import io.dmagent.api.message.ItemData;
import io.dmagent.api.message.Meta;
import java.nio.charset.StandardCharsets;

/**
 * WBXML as AOSP writes it, byte by byte: version 1.2, public id in the string table as {@value
 * #FPI} (a numeric 0x1201 would do as well; we follow the AOSP client, see CONFORMANCE.md), UTF-8,
 * page switches only before start tags, empty elements without the content bit, text as STR_I,
 * opaque data as OPAQUE, embedded markup as OPAQUE holding a WBXML DM DDF document (as libwbxml and
 * AOSP embed TNDS; libwbxml cannot read DDF tokens inline in a SyncML document).
 */
final class WbxmlSink implements MessageSink {
  static final String FPI = "-//SYNCML//DTD SyncML 1.2//EN";

  private static final int VERSION_1_2 = 0x02;
  private static final int SWITCH_PAGE = 0x00;
  private static final int END = 0x01;
  private static final int STR_I = 0x03;
  private static final int OPAQUE = 0xC3;
  private static final int CONTENT = 0x40;

  private final Bytes out;
  private int page;

  /** {@code document}: with the WBXML header, as a whole message starts; else one command. */
  WbxmlSink(boolean document) {
    out = new Bytes(document ? 2048 : 128);
    if (document) {
      byte[] fpi = (FPI + '\0').getBytes(StandardCharsets.US_ASCII);
      out.write(VERSION_1_2);
      out.writeMbUint(0); // public id: in the string table ...
      out.writeMbUint(0); // ... at index 0
      out.writeMbUint(WbxmlReader.UTF_8);
      out.writeMbUint(fpi.length);
      out.write(fpi);
    }
  }

  /** The code page the writer is on: a next page-0 tag after this costs a page switch. */
  int page() {
    return page;
  }

  private void switchTo(int target) {
    if (target != page) {
      out.write(SWITCH_PAGE);
      out.write(target);
      page = target;
    }
  }

  @Override
  public void open(Tag tag) {
    switchTo(tag.page());
    out.write(tag.token() | CONTENT);
  }

  @Override
  public void close(Tag tag) {
    out.write(END);
  }

  @Override
  public void empty(Tag tag) {
    switchTo(tag.page());
    out.write(tag.token());
  }

  @Override
  public void text(Tag tag, String text) {
    if (text.isEmpty()) {
      empty(tag);
      return;
    }
    open(tag);
    string(out, tag.element(), text);
    close(tag);
  }

  static void string(Bytes out, String element, String text) {
    if (text.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("<" + element + "> holds a NUL, which WBXML cannot carry");
    }
    out.write(STR_I);
    out.writeUtf8(text);
    out.write(0);
  }

  @Override
  public void data(ItemData data) {
    if (data instanceof ItemData.Opaque o) {
      opaque(o.bytes());
    } else if (data instanceof ItemData.Markup m) {
      opaque(DdfDocument.of(m.xml()));
    } else {
      text(Tag.DATA, data.text());
    }
  }

  /** A TNDS document goes out as WBXML here: its type says so ({@link TndsType}). */
  @Override
  public Meta itemMeta(Meta meta, ItemData data) {
    return TndsType.forWbxml(meta, data);
  }

  private void opaque(byte[] bytes) {
    open(Tag.DATA);
    out.write(OPAQUE);
    out.writeMbUint(bytes.length);
    out.write(bytes);
    close(Tag.DATA);
  }

  @Override
  public byte[] finish() {
    return out.toByteArray();
  }
}
