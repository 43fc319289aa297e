package io.dmagent.codec.description;

import io.dmagent.api.tree.NodeFormat;
import java.util.Optional;

/**
 * The elements of DDF and TNDS documents with their WBXML tokens on code page 2 (DM DDF 1.2, spec
 * digest tree-bootstrap-policy.md 2.4). Our own table: kxml2's {@code SyncML} tables misspell
 * DFFormat and Occurrence and register the pages in the wrong order. Public for the message codec,
 * which meets DDF elements inside a command's Data; the package is not exported.
 */
public enum DdfTag {
  ACCESS_TYPE("AccessType", 0x05),
  ACL("ACL", 0x06),
  ADD("Add", 0x07),
  B64("b64", 0x08),
  BIN("bin", 0x09),
  BOOL("bool", 0x0A),
  CHR("chr", 0x0B),
  CASE_SENSE("CaseSense", 0x0C),
  CIS("CIS", 0x0D),
  COPY("Copy", 0x0E),
  CS("CS", 0x0F),
  DATE("date", 0x10),
  DDF_NAME("DDFName", 0x11),
  DEFAULT_VALUE("DefaultValue", 0x12),
  DELETE("Delete", 0x13),
  DESCRIPTION("Description", 0x14),
  DF_FORMAT("DFFormat", 0x15),
  DF_PROPERTIES("DFProperties", 0x16),
  DF_TITLE("DFTitle", 0x17),
  DF_TYPE("DFType", 0x18),
  DYNAMIC("Dynamic", 0x19),
  EXEC("Exec", 0x1A),
  FLOAT("float", 0x1B),
  FORMAT("Format", 0x1C),
  GET("Get", 0x1D),
  INT("int", 0x1E),
  MAN("Man", 0x1F),
  MGMT_TREE("MgmtTree", 0x20),
  MIME("MIME", 0x21),
  MOD("Mod", 0x22),
  NAME("Name", 0x23),
  NODE("Node", 0x24),
  NODE_FORMAT("node", 0x25),
  NODE_NAME("NodeName", 0x26),
  NULL("null", 0x27),
  OCCURRENCE("Occurrence", 0x28),
  ONE("One", 0x29),
  ONE_OR_MORE("OneOrMore", 0x2A),
  ONE_OR_N("OneOrN", 0x2B),
  PATH("Path", 0x2C),
  PERMANENT("Permanent", 0x2D),
  REPLACE("Replace", 0x2E),
  RT_PROPERTIES("RTProperties", 0x2F),
  SCOPE("Scope", 0x30),
  SIZE("Size", 0x31),
  TIME("time", 0x32),
  TITLE("Title", 0x33),
  TSTAMP("TStamp", 0x34),
  TYPE("Type", 0x35),
  VALUE("Value", 0x36),
  VER_DTD("VerDTD", 0x37),
  VER_NO("VerNo", 0x38),
  XML("xml", 0x39),
  ZERO_OR_MORE("ZeroOrMore", 0x3A),
  ZERO_OR_N("ZeroOrN", 0x3B),
  ZERO_OR_ONE("ZeroOrOne", 0x3C);

  /** The code page of DDF and TNDS inside DM messages; our WBXML documents use it throughout. */
  public static final int CODE_PAGE = 2;

  /** WBXML tag tokens start at 5; 0..4 are global tokens. */
  private static final int FIRST_TOKEN = 0x05;

  private final String element;
  private final int token;

  DdfTag(String element, int token) {
    this.element = element;
    this.token = token;
  }

  /** The element name as written in XML (case matters: {@code Node} vs {@code node}). */
  public String element() {
    return element;
  }

  public int token() {
    return token;
  }

  /** The element of a token on the DDF code page, if the table has one. */
  public static Optional<DdfTag> ofToken(int token) {
    for (DdfTag t : values()) {
      if (t.token == token) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** The node format this element names inside Format or DFFormat, if it is one. */
  Optional<NodeFormat> format() {
    return NodeFormat.fromWireName(element);
  }

  public static Optional<DdfTag> of(String element) {
    for (DdfTag t : values()) {
      if (t.element.equals(element)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  static DdfTag of(NodeFormat format) {
    return of(format.wireName()).orElseThrow();
  }

  /** The page table in kxml2's form: entry i names token {@code 5 + i}. */
  static String[] kxmlTable() {
    DdfTag[] all = values();
    String[] table = new String[all[all.length - 1].token - FIRST_TOKEN + 1];
    for (DdfTag t : all) {
      table[t.token - FIRST_TOKEN] = t.element;
    }
    return table;
  }
}
