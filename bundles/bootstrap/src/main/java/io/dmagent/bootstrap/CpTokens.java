package io.dmagent.bootstrap;

import java.util.HashMap;
import java.util.Map;

/**
 * The WBXML tokens of the PROV 1.0 document type (OMA ProvCont 1.1, public id 0x0B): tags, the
 * attribute-start tokens (an attribute name, maybe with the start of its value) and the attribute
 * value tokens, each on code page 0 or 1. Keys are {@code page << 8 | token}.
 */
final class CpTokens {
  static final int PUBLIC_ID = 0x0B;
  static final int TAG_DOC = 0x05;
  static final int TAG_CHARACTERISTIC = 0x06;
  static final int TAG_PARM = 0x07;

  /** An attribute start: its name and the beginning of its value. */
  record Start(String name, String value) {}

  private static final Map<Integer, Start> STARTS = new HashMap<>();
  private static final Map<Integer, String> VALUES = new HashMap<>();

  static {
    start(0, 0x45, "version", "");
    start(0, 0x46, "version", "1.0");
    start(0, 0x50, "type", "");
    String[] types0 = {
      "PXLOGICAL",
      "PXPHYSICAL",
      "PORT",
      "VALIDITY",
      "NAPDEF",
      "BOOTSTRAP",
      "VENDORCONFIG",
      "CLIENTIDENTITY",
      "PXAUTHINFO",
      "NAPAUTHINFO",
      "ACCESS"
    };
    for (int i = 0; i < types0.length; i++) {
      start(0, 0x51 + i, "type", types0[i]);
    }
    start(0, 0x05, "name", "");
    start(0, 0x06, "value", "");
    String[] names0 = {
      "NAME",
      "NAP-ADDRESS",
      "NAP-ADDRTYPE",
      "CALLTYPE",
      "VALIDUNTIL",
      "AUTHTYPE",
      "AUTHNAME",
      "AUTHSECRET",
      "LINGER",
      "BEARER",
      "NAPID",
      "COUNTRY",
      "NETWORK",
      "INTERNET",
      "PROXY-ID",
      "PROXY-PROVIDER-ID",
      "DOMAIN",
      "PROVURL",
      "PXAUTH-TYPE",
      "PXAUTH-ID",
      "PXAUTH-PW",
      "STARTPAGE",
      "BASAUTH-ID",
      "BASAUTH-PW",
      "PUSHENABLED",
      "PXADDR",
      "PXADDRTYPE",
      "TO-NAPID",
      "PORTNBR",
      "SERVICE",
      "LINKSPEED",
      "DNLINKSPEED",
      "LOCAL-ADDR",
      "LOCAL-ADDRTYPE",
      "CONTEXT-ALLOW",
      "TRUST",
      "MASTER",
      "SID",
      "SOC",
      "WSP-VERSION",
      "PHYSICAL-PROXY-ID",
      "CLIENT-ID",
      "DELIVERY-ERR-SDU",
      "DELIVERY-ORDER",
      "TRAFFIC-CLASS",
      "MAX-SDU-SIZE",
      "MAX-BITRATE-UPLINK",
      "MAX-BITRATE-DNLINK",
      "RESIDUAL-BER",
      "SDU-ERROR-RATIO",
      "TRAFFIC-HANDL-PRIO",
      "TRANSFER-DELAY",
      "GUARANTEED-BITRATE-UPLINK",
      "GUARANTEED-BITRATE-DNLINK",
      "PXADDR-FQDN",
      "PROXY-PW",
      "PPGAUTH-TYPE"
    };
    for (int i = 0; i < names0.length; i++) {
      start(0, 0x07 + i, "name", names0[i]);
    }
    String[] names0b = {
      "PULLENABLED", "DNS-ADDR", "MAX-NUM-RETRY", "FIRST-RETRY-TIMEOUT", "REREG-THRESHOLD", "T-BIT"
    };
    for (int i = 0; i < names0b.length; i++) {
      start(0, 0x47 + i, "name", names0b[i]);
    }
    start(0, 0x4e, "name", "AUTH-ENTITY");
    start(0, 0x4f, "name", "SPI");

    start(1, 0x05, "name", "");
    start(1, 0x06, "value", "");
    start(1, 0x07, "name", "NAME");
    start(1, 0x14, "name", "INTERNET");
    start(1, 0x1c, "name", "STARTPAGE");
    start(1, 0x22, "name", "TO-NAPID");
    start(1, 0x23, "name", "PORTNBR");
    start(1, 0x24, "name", "SERVICE");
    String[] names1 = {
      "AACCEPT", "AAUTHDATA", "AAUTHLEVEL", "AAUTHNAME", "AAUTHSECRET", "AAUTHTYPE", "ADDR",
      "ADDRTYPE", "APPID", "APROTOCOL", "PROVIDER-ID", "TO-PROXY", "URI", "RULE"
    };
    for (int i = 0; i < names1.length; i++) {
      start(1, 0x2e + i, "name", names1[i]);
    }
    start(1, 0x50, "type", "");
    start(1, 0x53, "type", "PORT");
    start(1, 0x55, "type", "APPLICATION");
    start(1, 0x56, "type", "APPADDR");
    start(1, 0x57, "type", "APPAUTH");
    start(1, 0x58, "type", "CLIENTIDENTITY");
    start(1, 0x59, "type", "RESOURCE");

    String[] addrTypes = {"IPV4", "IPV6", "E164", "ALPHA", "APN", "SCODE", "TETRA-ITSI", "MAN"};
    for (int i = 0; i < addrTypes.length; i++) {
      value(0, 0x85 + i, addrTypes[i]);
    }
    String[] callTypes = {
      "ANALOG-MODEM",
      "V.120",
      "V.110",
      "X.31",
      "BIT-TRANSPARENT",
      "DIRECT-ASYNCHRONOUS-DATA-SERVICE"
    };
    for (int i = 0; i < callTypes.length; i++) {
      value(0, 0x90 + i, callTypes[i]);
    }
    String[] authTypes = {"PAP", "CHAP", "HTTP-BASIC", "HTTP-DIGEST", "WTLS-SS", "MD5"};
    for (int i = 0; i < authTypes.length; i++) {
      value(0, 0x9a + i, authTypes[i]);
    }
    String[] bearers = {
      "GSM-USSD",
      "GSM-SMS",
      "ANSI-136-GUTS",
      "IS-95-CDMA-SMS",
      "IS-95-CDMA-CSD",
      "IS-95-CDMA-PACKET",
      "ANSI-136-CSD",
      "ANSI-136-GPRS",
      "GSM-CSD",
      "GSM-GPRS",
      "AMPS-CDPD",
      "PDC-CSD",
      "PDC-PACKET",
      "IDEN-SMS",
      "IDEN-CSD",
      "IDEN-PACKET",
      "FLEX/REFLEX",
      "PHS-SMS",
      "PHS-CSD",
      "TRETRA-SDS",
      "TRETRA-PACKET",
      "ANSI-136-GHOST",
      "MOBITEX-MPAK",
      "CDMA2000-1X-SIMPLE-IP",
      "CDMA2000-1X-MOBILE-IP"
    };
    for (int i = 0; i < bearers.length; i++) {
      value(0, 0xa2 + i, bearers[i]);
    }
    value(0, 0xc5, "AUTOBAUDING");
    String[] services = {
      "CL-WSP",
      "CO-WSP",
      "CL-SEC-WSP",
      "CO-SEC-WSP",
      "CL-SEC-WTA",
      "CO-SEC-WTA",
      "OTA-HTTP-TO",
      "OTA-HTTP-TLS-TO",
      "OTA-HTTP-PO",
      "OTA-HTTP-TLS-PO"
    };
    for (int i = 0; i < services.length; i++) {
      value(0, 0xca + i, services[i]);
    }
    value(0, 0xe0, "AAA");
    value(0, 0xe1, "HA");
    value(1, 0x86, "IPV6");
    value(1, 0x87, "E164");
    value(1, 0x88, "ALPHA");
    value(1, 0x8d, "APPSRV");
    value(1, 0x8e, "OBEX");
    value(1, 0x90, ",");
    value(1, 0x91, "HTTP-");
    value(1, 0x92, "BASIC");
    value(1, 0x93, "DIGEST");
  }

  private CpTokens() {}

  private static void start(int page, int token, String name, String value) {
    STARTS.put(page << 8 | token, new Start(name, value));
  }

  private static void value(int page, int token, String text) {
    VALUES.put(page << 8 | token, text);
  }

  static Start start(int page, int token) {
    return STARTS.get(page << 8 | token);
  }

  static String value(int page, int token) {
    return VALUES.get(page << 8 | token);
  }
}
