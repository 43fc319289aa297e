package io.dmagent.codec.message;

import io.dmagent.api.message.ItemData;
import io.dmagent.codec.description.DdfTag;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * WBXML as AOSP writes it, byte by byte: version 1.2, public id in the string table as {@value
 * #FPI} (a numeric 0x1201 would do as well; we follow the AOSP client, see CONFORMANCE.md), UTF-8,
 * page switches only before start tags, empty elements without the content bit, text as STR_I,
 * opaque data as OPAQUE, embedded markup as DM DDF tokens on code page 2.
 */
final class WbxmlSink implements MessageSink {
  static final String FPI = "-//SYNCML//DTD SyncML 1.2//EN";

  private static final int VERSION_1_2 = 0x02;
  private static final int SWITCH_PAGE = 0x00;
  private static final int END = 0x01;
  private static final int STR_I = 0x03;
  private static final int OPAQUE = 0xC3;
  private static final int CONTENT = 0x40;

  private final Bytes out = new Bytes(256);
  private int page;

  /** {@code document}: with the WBXML header, as a whole message starts. */
  WbxmlSink(boolean document) {
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
    string(tag.element(), text);
    close(tag);
  }

  private void string(String element, String text) {
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
      open(Tag.DATA);
      out.write(OPAQUE);
      out.writeMbUint(o.length());
      out.write(o.bytes());
      close(Tag.DATA);
    } else if (data instanceof ItemData.Markup m) {
      open(Tag.DATA);
      MarkupText.replay(m.xml(), new DdfTokens());
      close(Tag.DATA);
    } else {
      text(Tag.DATA, data.text());
    }
  }

  @Override
  public byte[] finish() {
    return out.toByteArray();
  }

  /** Embedded markup as tokens of the DM DDF page; an element without content loses its bit. */
  private final class DdfTokens implements MarkupHandler {
    /** Per open element: where its tag byte is, or -1 once it has content. */
    private final Deque<Integer> tags = new ArrayDeque<>();

    @Override
    public void start(String namespace, String name) {
      if (!namespace.equals(Namespaces.DDF)) {
        throw new IllegalArgumentException(
            "Markup data in namespace " + namespace + " cannot go out in WBXML");
      }
      DdfTag tag =
          DdfTag.of(name)
              .orElseThrow(
                  () -> new IllegalArgumentException("<" + name + "> is no DM DDF element"));
      contentFollows();
      switchTo(DdfTag.CODE_PAGE);
      tags.push(out.size());
      out.write(tag.token() | CONTENT);
    }

    @Override
    public void text(String text) {
      contentFollows();
      string("Data", text);
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
}
