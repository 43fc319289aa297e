package io.dmagent.codec.message;

import java.util.HashMap;
import java.util.Map;

/**
 * The elements of SyncML 1.2 (WBXML code page 0, namespace {@code SYNCML:SYNCML1.2}) and MetInf 1.2
 * (code page 1, {@code syncml:metinf}) with their tokens (spec digest protocol-wire.md 2.2, 2.3).
 * Our own table: kxml2's {@code SyncML} class misspells NumberOfChanges (2.6). Both pages share no
 * element name, so a name alone identifies an element of either.
 */
enum Tag {
  ADD(0, 0x05, "Add"),
  ALERT(0, 0x06, "Alert"),
  ARCHIVE(0, 0x07, "Archive"),
  ATOMIC(0, 0x08, "Atomic"),
  CHAL(0, 0x09, "Chal"),
  CMD(0, 0x0A, "Cmd"),
  CMD_ID(0, 0x0B, "CmdID"),
  CMD_REF(0, 0x0C, "CmdRef"),
  COPY(0, 0x0D, "Copy"),
  CRED(0, 0x0E, "Cred"),
  DATA(0, 0x0F, "Data"),
  DELETE(0, 0x10, "Delete"),
  EXEC(0, 0x11, "Exec"),
  FINAL(0, 0x12, "Final"),
  GET(0, 0x13, "Get"),
  ITEM(0, 0x14, "Item"),
  LANG(0, 0x15, "Lang"),
  LOC_NAME(0, 0x16, "LocName"),
  LOC_URI(0, 0x17, "LocURI"),
  MAP(0, 0x18, "Map"),
  MAP_ITEM(0, 0x19, "MapItem"),
  META(0, 0x1A, "Meta"),
  MSG_ID(0, 0x1B, "MsgID"),
  MSG_REF(0, 0x1C, "MsgRef"),
  NO_RESP(0, 0x1D, "NoResp"),
  NO_RESULTS(0, 0x1E, "NoResults"),
  PUT(0, 0x1F, "Put"),
  REPLACE(0, 0x20, "Replace"),
  RESP_URI(0, 0x21, "RespURI"),
  RESULTS(0, 0x22, "Results"),
  SEARCH(0, 0x23, "Search"),
  SEQUENCE(0, 0x24, "Sequence"),
  SESSION_ID(0, 0x25, "SessionID"),
  SFT_DEL(0, 0x26, "SftDel"),
  SOURCE(0, 0x27, "Source"),
  SOURCE_REF(0, 0x28, "SourceRef"),
  STATUS(0, 0x29, "Status"),
  SYNC(0, 0x2A, "Sync"),
  SYNC_BODY(0, 0x2B, "SyncBody"),
  SYNC_HDR(0, 0x2C, "SyncHdr"),
  SYNC_ML(0, 0x2D, "SyncML"),
  TARGET(0, 0x2E, "Target"),
  TARGET_REF(0, 0x2F, "TargetRef"),
  VER_DTD(0, 0x31, "VerDTD"),
  VER_PROTO(0, 0x32, "VerProto"),
  NUMBER_OF_CHANGES(0, 0x33, "NumberOfChanges"),
  MORE_DATA(0, 0x34, "MoreData"),
  FIELD(0, 0x35, "Field"),
  FILTER(0, 0x36, "Filter"),
  RECORD(0, 0x37, "Record"),
  FILTER_TYPE(0, 0x38, "FilterType"),
  SOURCE_PARENT(0, 0x39, "SourceParent"),
  TARGET_PARENT(0, 0x3A, "TargetParent"),
  MOVE(0, 0x3B, "Move"),
  CORRELATOR(0, 0x3C, "Correlator"),

  ANCHOR(1, 0x05, "Anchor"),
  EMI(1, 0x06, "EMI"),
  FORMAT(1, 0x07, "Format"),
  FREE_ID(1, 0x08, "FreeID"),
  FREE_MEM(1, 0x09, "FreeMem"),
  LAST(1, 0x0A, "Last"),
  MARK(1, 0x0B, "Mark"),
  MAX_MSG_SIZE(1, 0x0C, "MaxMsgSize"),
  MEM(1, 0x0D, "Mem"),
  MET_INF(1, 0x0E, "MetInf"),
  NEXT(1, 0x0F, "Next"),
  NEXT_NONCE(1, 0x10, "NextNonce"),
  SHARED_MEM(1, 0x11, "SharedMem"),
  SIZE(1, 0x12, "Size"),
  TYPE(1, 0x13, "Type"),
  VERSION(1, 0x14, "Version"),
  MAX_OBJ_SIZE(1, 0x15, "MaxObjSize"),
  FIELD_LEVEL(1, 0x16, "FieldLevel");

  static final int SYNCML_PAGE = 0;
  static final int METINF_PAGE = 1;

  private static final int PAGE_SIZE = 0x40;
  private static final Tag[][] BY_TOKEN = new Tag[2][PAGE_SIZE];
  private static final Map<String, Tag> BY_NAME = new HashMap<>();

  static {
    for (Tag t : values()) {
      BY_TOKEN[t.page][t.token] = t;
      BY_NAME.put(t.element, t);
    }
  }

  private final int page;
  private final int token;
  private final String element;

  Tag(int page, int token, String element) {
    this.page = page;
    this.token = token;
    this.element = element;
  }

  int page() {
    return page;
  }

  int token() {
    return token;
  }

  String element() {
    return element;
  }

  boolean isMetInf() {
    return page == METINF_PAGE;
  }

  /** The tag of a WBXML token on code page 0 or 1; null for any other page or an unused token. */
  static Tag of(int page, int token) {
    return page >= 0 && page < BY_TOKEN.length && token >= 0 && token < PAGE_SIZE
        ? BY_TOKEN[page][token]
        : null;
  }

  /** The tag of an element name; null when neither vocabulary has it. */
  static Tag of(String element) {
    return BY_NAME.get(element);
  }
}
