import { WireError } from './codes';
import { activeSum, pseudoSum } from './checksum';
import { get16, put16 } from './bytes';

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
  const ulen = get16(buf, off + 4);
  if (ulen < UDP_HEADER_LEN) return WireError.BadLength;
  if (ulen > len) return WireError.Truncated;
  if (get16(buf, off + 6) !== 0 && activeSum(buf, off, ulen, pseudoSum(src, dst, 17, ulen)) !== 0xffff) {
    return WireError.BadChecksum;
  }
  const dport = get16(buf, off + 2);
  if (dport === 0) return WireError.Malformed;
  r.srcPort = get16(buf, off);
  r.dstPort = dport;
  r.payloadOff = off + UDP_HEADER_LEN;
  r.payloadLen = ulen - UDP_HEADER_LEN;
  return WireError.Ok;
}

/** Writes the header at off and the checksum over the pseudo-header, header and r.payloadLen bytes
 *  the caller has ALREADY placed at off+8 (a computed 0 is sent as 0xffff). Returns 8 + payloadLen. */
export function emitUdp(r: UdpRepr, buf: Uint8Array, off: number, src: number, dst: number): number {
  const n = UDP_HEADER_LEN + r.payloadLen;
  put16(buf, off, r.srcPort);
  put16(buf, off + 2, r.dstPort);
  put16(buf, off + 4, n);
  buf[off + 6] = 0;
  buf[off + 7] = 0;
  const c = ~activeSum(buf, off, n, pseudoSum(src, dst, 17, n)) & 0xffff;
  put16(buf, off + 6, c === 0 ? 0xffff : c);
  return n;
}
