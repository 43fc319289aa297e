package io.dmagent.codec.description;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.StatusCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.kxml2.wap.Wbxml;
import org.kxml2.wap.WbxmlSerializer;

/**
 * Writes WBXML with kxml2's serializer and our tag table on code page 2, so the body opens with
 * SWITCH_PAGE 2 and stays there. kxml2's own header (public id "unknown") is never written: its
 * {@code startDocument} is not called and {@link WbxmlHeader} supplies ours.
 */
final class WbxmlMarkupWriter implements MarkupWriter {
  private final WbxmlSerializer serializer = new WbxmlSerializer();
  private final ByteArrayOutputStream tableAndBody = new ByteArrayOutputStream();

  WbxmlMarkupWriter() throws DmException {
    serializer.setTagTable(DdfTag.CODE_PAGE, DdfTag.kxmlTable());
    try {
      serializer.setOutput(tableAndBody, "UTF-8");
    } catch (IOException e) {
      throw failed(e);
    }
  }

  @Override
  public void open(DdfTag tag) throws DmException {
    try {
      serializer.startTag(null, tag.element());
    } catch (IOException e) {
      throw failed(e);
    }
  }

  @Override
  public void close(DdfTag tag) throws DmException {
    try {
      serializer.endTag(null, tag.element());
    } catch (IOException e) {
      throw failed(e);
    }
  }

  @Override
  public void empty(DdfTag tag) throws DmException {
    open(tag);
    close(tag);
  }

  @Override
  public void text(DdfTag tag, String text) throws DmException {
    if (!accepts(text)) {
      throw Refusals.unsupported("<" + tag.element() + "> holds a NUL character");
    }
    open(tag);
    try {
      serializer.text(text);
    } catch (IOException e) {
      throw failed(e);
    }
    close(tag);
  }

  @Override
  public void opaque(DdfTag tag, byte[] data) throws DmException {
    open(tag);
    try {
      serializer.writeWapExtension(Wbxml.OPAQUE, data);
    } catch (IOException e) {
      throw failed(e);
    }
    close(tag);
  }

  @Override
  public boolean carriesOpaque() {
    return true;
  }

  /** WBXML strings end at NUL; anything else is fine. */
  @Override
  public boolean accepts(String text) {
    return text.indexOf('\0') < 0;
  }

  @Override
  public byte[] finish() throws DmException {
    try {
      serializer.endDocument();
    } catch (IOException e) {
      throw failed(e);
    }
    return WbxmlHeader.write(tableAndBody.toByteArray());
  }

  /** Writing to memory does not fail; should kxml2 still throw, it is our fault, not the data's. */
  private static DmException failed(IOException e) {
    return new DmException(StatusCode.COMMAND_FAILED, "WBXML serializer failed: " + e, e);
  }
}
