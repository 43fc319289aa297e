#!/usr/bin/python3
"""A virtual PKCS#15 card carrying an OMA DM bootstrap file, for vpcd (vsmartcard).

The card answers SELECT (by AID, by file identifier, by path from the MF or the current DF) and
READ BINARY with an even INS (B0, 15-bit offset) and with the odd INS (B1, offset data object '54',
answer in a discretionary data object '53'), the way an ISO 7816-4 card does for files above 32 KB.
Everything else is answered 6D00. The file system:

  3F00 MF
    5015 DF(PKCS#15), AID A0 00 00 00 63 50 4B 43 53 2D 31 35
      5031 EF(ODF)       [7] dataObjects -> path 5034 (relative to the PKCS#15 DF)
      5032 EF(TokenInfo) serial number = the card id
      5034 EF(DODF)      oidDO 2.23.43.7.1 -> path 3F00 5015 4401 (absolute)
                         [oidDO 2.23.43.7.1 -> url, when --url is given]
      4401 EF(DM_Bootstrap) the bootstrap file (--bootstrap)

Connects to vpcd through virtualsmartcard's VirtualICC and runs until vpcd closes or the process is
ended (SIGTERM): ending it is how a test removes the card from the reader.
"""
import argparse
import logging
import signal
import sys

from virtualsmartcard.VirtualSmartcard import SmartcardOS, VirtualICC

PKCS15_AID = bytes.fromhex("A000000063504B43532D3135")
DM_BOOTSTRAP_OID = bytes.fromhex("06 04 67 2B 07 01".replace(" ", ""))
OK = b"\x90\x00"


def tlv(tag, value):
    n = len(value)
    if n < 0x80:
        length = bytes([n])
    elif n < 0x100:
        length = bytes([0x81, n])
    else:
        length = bytes([0x82, n >> 8, n & 0xFF])
    return bytes([tag]) + length + value


def path(*fids):
    return tlv(0x30, tlv(0x04, b"".join(f.to_bytes(2, "big") for f in fids)))


def oid_data_object(label, value):
    common = tlv(0x30, tlv(0x0C, label.encode()))
    data_attributes = tlv(0x30, tlv(0x0C, b"OMA DM"))
    return tlv(0xA1, common + data_attributes + tlv(0xA1, tlv(0x30, DM_BOOTSTRAP_OID + value)))


class Node:
    def __init__(self, fid, parent=None, data=None, aid=None):
        self.fid, self.parent, self.data, self.aid = fid, parent, data, aid
        self.children = {}
        if parent is not None:
            parent.children[fid] = self

    def is_df(self):
        return self.data is None


class Pkcs15CardOS(SmartcardOS):
    def __init__(self, bootstrap, url, card_id):
        self.mf = Node(0x3F00)
        self.app = Node(0x5015, self.mf, aid=PKCS15_AID)
        dodf = oid_data_object("DM bootstrap", path(0x3F00, 0x5015, 0x4401))
        if url:
            dodf += oid_data_object("DM bootstrap server", tlv(0x16, url.encode()))
        Node(0x5031, self.app, data=tlv(0xA7, path(0x5034)))
        Node(0x5032, self.app, data=tlv(0x30, tlv(0x02, b"\x00") + tlv(0x04, card_id.encode())))
        Node(0x5034, self.app, data=dodf)
        Node(0x4401, self.app, data=bootstrap)
        self.current = self.mf

    def getATR(self):
        return bytes.fromhex("3B8880010000000000000000FE")  # T=1, no historical meaning

    def powerUp(self):
        self.current = self.mf

    def reset(self):
        self.current = self.mf

    def current_df(self):
        return self.current if self.current.is_df() else self.current.parent

    def execute(self, msg):
        if len(msg) < 4:
            return b"\x67\x00"
        cla, ins, p1, p2 = msg[0], msg[1], msg[2], msg[3]
        data, le = self.body(msg[4:])
        if data is None:
            return b"\x67\x00"
        if cla & 0x80:
            return b"\x6E\x00"
        if ins == 0xA4:
            return self.select(p1, p2, data, le)
        if ins == 0xB0:
            return self.read_even(p1, p2, le)
        if ins == 0xB1:
            return self.read_odd(p1, p2, data, le)
        return b"\x6D\x00"

    @staticmethod
    def body(rest):
        """(data, Le) of a short or extended APDU body; (None, 0) when malformed."""
        if not rest:
            return b"", 0
        if len(rest) == 1:
            return b"", rest[0] or 256
        if rest[0] == 0 and len(rest) >= 3:  # extended length
            if len(rest) == 3:
                return b"", ((rest[1] << 8) | rest[2]) or 65536
            lc = (rest[1] << 8) | rest[2]
            data = rest[3:3 + lc]
            tail = rest[3 + lc:]
            if len(data) != lc or len(tail) not in (0, 2):
                return None, 0
            return data, (((tail[0] << 8) | tail[1]) or 65536) if tail else 0
        lc = rest[0]
        data = rest[1:1 + lc]
        tail = rest[1 + lc:]
        if len(data) != lc or len(tail) > 1:
            return None, 0
        return data, ((tail[0] or 256) if tail else 0)

    def select(self, p1, p2, data, le):
        target = None
        if p1 == 0x04:
            target = self.app if data and PKCS15_AID.startswith(bytes(data)) else None
        elif p1 in (0x00, 0x01, 0x02) and len(data) == 2:
            fid = int.from_bytes(data, "big")
            target = self.mf if fid == 0x3F00 else self.current_df().children.get(fid)
        elif p1 in (0x08, 0x09) and data and len(data) % 2 == 0:
            target = self.mf if p1 == 0x08 else self.current_df()
            for i in range(0, len(data), 2):
                target = target.children.get(int.from_bytes(data[i:i + 2], "big")) if target else None
        else:
            return b"\x6A\x86"
        if target is None:
            return b"\x6A\x82"
        self.current = target
        if p2 & 0x0C == 0x0C:
            return OK
        fcp = tlv(0x82, b"\x38" if target.is_df() else b"\x01") + tlv(0x83, target.fid.to_bytes(2, "big"))
        if not target.is_df():
            fcp = tlv(0x80, len(target.data).to_bytes(2 if len(target.data) < 65536 else 3, "big")) + fcp
        if target.aid:
            fcp += tlv(0x84, target.aid)
        return tlv(0x62 if p2 & 0x0C == 0x04 else 0x6F, fcp)[: le or 0] + OK if le else OK

    def current_ef(self):
        return None if self.current.is_df() else self.current

    def read_even(self, p1, p2, le):
        if p1 & 0x80:
            return b"\x6A\x81"  # short EF identifiers are not used by this card
        return self.read(self.current_ef(), (p1 << 8) | p2, le, wrap=False)

    def read_odd(self, p1, p2, data, le):
        if p1 or p2:
            return b"\x6A\x81"  # only the current EF
        if len(data) < 3 or data[0] != 0x54 or data[1] != len(data) - 2 or data[1] > 4:
            return b"\x6A\x80"
        return self.read(self.current_ef(), int.from_bytes(data[2:], "big"), le, wrap=True)

    @staticmethod
    def read(ef, offset, le, wrap):
        if ef is None:
            return b"\x69\x86"
        if offset > len(ef.data):
            return b"\x6B\x00"
        room = le if le else 256
        if wrap:
            room -= 4 if room - 3 > 255 else (3 if room - 2 > 127 else 2)
        chunk = ef.data[offset:offset + room]
        answer = tlv(0x53, chunk) if wrap else chunk
        short = len(chunk) < room
        return answer + (b"\x62\x82" if short else OK)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=35963)
    parser.add_argument("--bootstrap", required=True, help="file holding the EF(DM_Bootstrap) content")
    parser.add_argument("--url", help="a bootstrap server URL, as a second OID data object")
    parser.add_argument("--card-id", default="0001", help="EF(TokenInfo) serial number")
    args = parser.parse_args()
    with open(args.bootstrap, "rb") as f:
        bootstrap = f.read()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    vicc = VirtualICC(None, "iso7816", "localhost", args.port, logginglevel=logging.WARNING)
    vicc.os = Pkcs15CardOS(bootstrap, args.url, args.card_id)
    print("card ready", flush=True)
    vicc.run()


if __name__ == "__main__":
    main()
