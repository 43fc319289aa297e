package io.dmagent.codec.message;

/**
 * The XML namespaces of SyncML DM and the WBXML code pages they stand for (spec digest 0 and 2.1).
 * Real peers write the SyncML namespace of their version, or none; both are SyncML here.
 */
final class Namespaces {
  static final String SYNCML = "SYNCML:SYNCML1.2";
  static final String METINF = "syncml:metinf";
  static final String DDF = "syncml:dmddf1.2";

  private static final String SYNCML_PREFIX = "SYNCML:SYNCML";

  private Namespaces() {}

  /** {@code SYNCML:SYNCML1.0} to {@code 1.2} in any case, or no namespace at all. */
  static boolean isSyncMl(String namespace) {
    return namespace.isEmpty()
        || namespace.regionMatches(true, 0, SYNCML_PREFIX, 0, SYNCML_PREFIX.length());
  }

  static boolean isMetInf(String namespace) {
    return namespace.equalsIgnoreCase(METINF);
  }

  /** The namespace of a WBXML code page; empty for pages no table of ours covers. */
  static String ofPage(int page) {
    return switch (page) {
      case Tag.SYNCML_PAGE -> SYNCML;
      case Tag.METINF_PAGE -> METINF;
      case WbxmlReader.DDF_PAGE -> DDF;
      default -> "";
    };
  }
}
