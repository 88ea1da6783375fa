import { WireError } from './codes';
import { activeSum } from './checksum';

export const UDP_HEADER_LEN = 8;

export interface UdpRepr { srcPort: number; dstPort: number; payloadOff: number; payloadLen: number }

export function createUdpRepr(): UdpRepr {
  return { srcPort: 0, dstPort: 0, payloadOff: 0, payloadLen: 0 };
}

/** Parses the datagram occupying buf[off..off+len) (the IP payload); checks the length field and the
 *  checksum with the pseudo-header of src/dst (a zero checksum means none was sent). Port 0 as the
 *  destination is Malformed. */
export function parseUdp(buf: Uint8Array, off: number, len: number, src: number, dst: number, r: UdpRepr): number {
  if (len < UDP_HEADER_LEN) return WireError.Truncated;
  // Fields read in line (no get16 calls): every call costs on the interpreter.
  const ulen = (buf[off + 4] << 8) | buf[off + 5];
  if (ulen < UDP_HEADER_LEN) return WireError.BadLength;
  if (ulen > len) return WireError.Truncated;
  if ((buf[off + 6] | buf[off + 7]) !== 0 &&
    activeSum(buf, off, ulen, (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + 17 + ulen) !== 0xffff) {
    return WireError.BadChecksum;
  }
  const dport = (buf[off + 2] << 8) | buf[off + 3];
  if (dport === 0) return WireError.Malformed;
  r.srcPort = (buf[off] << 8) | buf[off + 1];
  r.dstPort = dport;
  r.payloadOff = off + UDP_HEADER_LEN;
  r.payloadLen = ulen - UDP_HEADER_LEN;
  return WireError.Ok;
}

/** Writes the header at off and the checksum over the pseudo-header, header and r.payloadLen bytes
 *  the caller has ALREADY placed at off+8 (a computed 0 is sent as 0xffff). Returns 8 + payloadLen. */
export function emitUdp(r: UdpRepr, buf: Uint8Array, off: number, src: number, dst: number): number {
  const n = UDP_HEADER_LEN + r.payloadLen, sp = r.srcPort, dp = r.dstPort;
  // In line; a Uint8Array keeps the low 8 bits of what it is given.
  buf[off] = sp >>> 8; buf[off + 1] = sp; buf[off + 2] = dp >>> 8; buf[off + 3] = dp;
  buf[off + 4] = n >>> 8; buf[off + 5] = n; buf[off + 6] = 0; buf[off + 7] = 0;
  let c = ~activeSum(buf, off, n, (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + 17 + n) & 0xffff;
  if (c === 0) c = 0xffff;
  buf[off + 6] = c >>> 8;
  buf[off + 7] = c;
  return n;
}
