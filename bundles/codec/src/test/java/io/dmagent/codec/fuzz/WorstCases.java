package io.dmagent.codec.fuzz;

import io.dmagent.api.description.Encoding;
import io.dmagent.codec.description.DdfTag;
import io.dmagent.codec.markup.MarkupException;
import io.dmagent.codec.markup.WbxmlTokenizer;
import io.dmagent.codec.message.SyncMlCodec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * For each entry point, the most expensive input of about a given size that is still read to its
 * end: every element carries as many attributes and namespace declarations as the tokenizer allows
 * (XML), or string-table references at the most they may produce (WBXML), with references,
 * comments, CDATA, entities, foreign elements to skip and nesting near the reader's depth bound.
 * This is what made kxml2 quadratic (attributes) and what could make a table reader quadratic
 * (references), repeated until the size is reached.
 */
final class WorstCases {
  /** Attributes per element: the tokenizer's bound, namespace declaration included. */
  static final int ATTRIBUTES = 64;

  /** Nesting of the skipped chains, below every reader's depth bound of 64. */
  private static final int CHAIN = 40;

  private static final String HEADER =
      "<SyncML xmlns=\"SYNCML:SYNCML1.2\"><SyncHdr><VerDTD>1.2</VerDTD><VerProto>DM/1.2</VerProto>"
          + "<SessionID>1</SessionID><MsgID>1</MsgID><Target><LocURI>IMEI:1</LocURI></Target>"
          + "<Source><LocURI>http://server</LocURI></Source></SyncHdr><SyncBody>";
  private static final String FOOTER = "<Final/></SyncBody></SyncML>";

  private static final String LONG = "x".repeat(64);

  private WorstCases() {}

  static byte[] of(EntryPoint entry, int size) {
    return switch (entry) {
      case MESSAGE_XML -> xmlMessage(size);
      case MESSAGE_WBXML -> wbxmlMessage(size);
      case DDF_XML, TNDS_XML -> xmlMgmtTree(size);
      case DDF_WBXML, TNDS_WBXML -> wbxmlMgmtTree(size);
    };
  }

  // ---- XML

  static byte[] xmlMessage(int size) {
    StringBuilder b = new StringBuilder(HEADER);
    for (int unit = 0; b.length() < size - FOOTER.length(); unit++) {
      b.append(unit % 8 == 7 ? chain() : foreign());
    }
    return b.append(FOOTER).toString().getBytes(StandardCharsets.UTF_8);
  }

  static byte[] xmlMgmtTree(int size) {
    StringBuilder b = new StringBuilder("<MgmtTree xmlns=\"syncml:dmddf1.2\"><VerDTD>1.2</VerDTD>");
    String end = "</MgmtTree>";
    for (int unit = 0; b.length() < size - end.length(); unit++) {
      b.append("<Node")
          .append(attributes(ATTRIBUTES))
          .append("><NodeName>n")
          .append(unit)
          .append("</NodeName>")
          .append(unit % 8 == 7 ? chain() : foreign())
          .append("<RTProperties><Format><chr/></Format></RTProperties>")
          .append("<DFProperties><AccessType><Get/></AccessType><DFFormat><chr/></DFFormat>")
          .append("<DFType><MIME>text/plain</MIME></DFType></DFProperties>")
          .append("<Value>a&amp;b&#65;&#x42;<![CDATA[<c>]]><!-- c --></Value></Node>");
    }
    return b.append(end).toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A foreign element with the most attributes, references in its values and text. */
  private static String foreign() {
    return "<f:x xmlns:f=\"urn:f\""
        + attributes(ATTRIBUTES - 1)
        + ">t&lt;&#65;<!--c--><![CDATA[d]]></f:x>";
  }

  /** Foreign elements nested {@link #CHAIN} deep, each declaring namespaces again. */
  private static String chain() {
    return "<f:d xmlns:f=\"urn:f\" xmlns=\"urn:g\" xmlns:g=\"urn:h\">".repeat(CHAIN)
        + "</f:d>".repeat(CHAIN);
  }

  private static String attributes(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(" a").append(i).append("=\"&amp;").append(i).append('"');
    }
    return b.toString();
  }

  // ---- WBXML

  private static final int SWITCH_PAGE = 0x00;
  private static final int END = 0x01;
  private static final int ENTITY = 0x02;
  private static final int STR_I = 0x03;
  private static final int LITERAL = 0x04;
  private static final int STR_T = 0x83;
  private static final int OPAQUE = 0xC3;
  private static final int CONTENT = 0x40;

  /** Table: [0] the DDF FPI, then a literal name and a long string that references repeat. */
  private static final String DDF_FPI = "-//OMA//DTD-DM-DDF 1.2//EN";

  private static final int NAME_INDEX = DDF_FPI.length() + 1;
  private static final int LONG_INDEX = NAME_INDEX + "f:x".length() + 1;
  private static final byte[] TABLE =
      (DDF_FPI + '\0' + "f:x" + '\0' + LONG + '\0').getBytes(StandardCharsets.US_ASCII);

  /**
   * The XML message's header re-encoded in WBXML by our own encoder, with a numeric public id and
   * our table, then skipped literal elements filling SyncBody.
   */
  static byte[] wbxmlMessage(int size) {
    byte[] encoded = headerOnlyWbxml();
    int bodyStart;
    try {
      bodyStart = WbxmlTokenizer.prologue(encoded, "message").bodyStart();
    } catch (MarkupException e) {
      throw new IllegalStateException(e);
    }
    // The encoded body ends in Final, END of SyncBody, END of SyncML: the filler goes before.
    byte[] body = Arrays.copyOfRange(encoded, bodyStart, encoded.length - 3);
    byte[] tail = Arrays.copyOfRange(encoded, encoded.length - 3, encoded.length);
    Wbxml w = new Wbxml(0x1201).bytes(body);
    for (int unit = 0; w.size() < size - tail.length; unit++) {
      if (unit % 8 == 7) {
        w.chain();
      } else {
        w.foreign();
      }
    }
    return w.bytes(tail).build();
  }

  private static byte[] headerOnlyWbxml() {
    SyncMlCodec codec = new SyncMlCodec();
    try {
      byte[] xml = (HEADER + FOOTER).getBytes(StandardCharsets.UTF_8);
      return codec.encode(codec.decode(xml, Encoding.XML, 1 << 20), Encoding.WBXML);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A MgmtTree on page 2 whose Nodes read as DDF and as TNDS, with skipped literal elements. */
  static byte[] wbxmlMgmtTree(int size) {
    Wbxml w = new Wbxml(-1).bytes(SWITCH_PAGE, DdfTag.CODE_PAGE);
    w.open(DdfTag.MGMT_TREE).text(DdfTag.VER_DTD, "1.2");
    for (int unit = 0; w.size() < size - 1; unit++) {
      w.open(DdfTag.NODE).text(DdfTag.NODE_NAME, "n" + unit);
      if (unit % 8 == 7) {
        w.chain();
      } else {
        w.foreign();
      }
      w.open(DdfTag.RT_PROPERTIES).open(DdfTag.FORMAT).empty(DdfTag.CHR).end().end();
      w.open(DdfTag.DF_PROPERTIES)
          .open(DdfTag.ACCESS_TYPE)
          .empty(DdfTag.GET)
          .end()
          .open(DdfTag.DF_FORMAT)
          .empty(DdfTag.CHR)
          .end()
          .open(DdfTag.DF_TYPE)
          .text(DdfTag.MIME, "text/plain")
          .end()
          .end();
      w.open(DdfTag.VALUE).bytes(STR_T, LONG_INDEX, ENTITY, 0x41).end();
      w.end();
    }
    return w.end().build();
  }

  /** A minimal WBXML writer for these documents. */
  private static final class Wbxml {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Version 1.2, UTF-8, our table; the public id numeric, or the DDF FPI when negative. */
    Wbxml(int publicId) {
      out.write(0x02);
      if (publicId < 0) {
        out.write(0x00);
        out.write(0x00);
      } else {
        mbUint(publicId);
      }
      out.write(0x6A);
      mbUint(TABLE.length);
      out.writeBytes(TABLE);
    }

    Wbxml bytes(int... bytes) {
      for (int b : bytes) {
        out.write(b);
      }
      return this;
    }

    Wbxml bytes(byte[] bytes) {
      out.writeBytes(bytes);
      return this;
    }

    Wbxml open(DdfTag tag) {
      return bytes(tag.token() | CONTENT);
    }

    Wbxml empty(DdfTag tag) {
      return bytes(tag.token());
    }

    Wbxml text(DdfTag tag, String s) {
      open(tag).bytes(STR_I).bytes(s.getBytes(StandardCharsets.UTF_8)).bytes(0);
      return end();
    }

    Wbxml end() {
      return bytes(END);
    }

    /** A literal element holding a table reference, an entity, an inline string and opaque. */
    void foreign() {
      bytes(LITERAL | CONTENT, NAME_INDEX, STR_T, LONG_INDEX, ENTITY, 0x41);
      bytes(STR_I, 'a', 'b', 0, OPAQUE, 2, 'o', 'p', END);
    }

    /** Literal elements nested {@link #CHAIN} deep. */
    void chain() {
      for (int i = 0; i < CHAIN; i++) {
        bytes(LITERAL | CONTENT, NAME_INDEX);
      }
      for (int i = 0; i < CHAIN; i++) {
        end();
      }
    }

    private void mbUint(int value) {
      int shift = 28;
      while (shift > 0 && (value >>> shift) == 0) {
        shift -= 7;
      }
      for (; shift > 0; shift -= 7) {
        out.write(0x80 | ((value >>> shift) & 0x7F));
      }
      out.write(value & 0x7F);
    }

    int size() {
      return out.size();
    }

    byte[] build() {
      return out.toByteArray();
    }
  }
}
