import { WireError } from './codes';
import { activeSum } from './checksum';
import { get16 } from './bytes';

export const ICMP_HEADER_LEN = 8;
export const enum IcmpType { EchoReply = 0, DestUnreachable = 3, EchoRequest = 8, TimeExceeded = 11 }
export const enum IcmpUnreachCode { Net = 0, Host = 1, Protocol = 2, Port = 3, FragNeeded = 4 }

export interface Icmpv4Repr {
  type: number; code: number;
  /** Echo: identifier and sequence number. */ ident: number; seq: number;
  /** Destination unreachable / fragmentation needed: next-hop MTU (0 otherwise). */ mtu: number;
  /** Bytes after the 8-byte header: echo data, or the invoking IP header + 8 bytes for errors. */
  payloadOff: number; payloadLen: number;
}

export function createIcmpv4Repr(): Icmpv4Repr {
  return { type: 0, code: 0, ident: 0, seq: 0, mtu: 0, payloadOff: 0, payloadLen: 0 };
}

/** Parses an ICMP message occupying exactly buf[off..off+len) (the IP payload); checks the checksum.
 *  Types other than the three families above parse Ok with only type/code/payload filled. */
export function parseIcmpv4(buf: Uint8Array, off: number, len: number, r: Icmpv4Repr): number {
  if (len < ICMP_HEADER_LEN) return WireError.Truncated;
  if (activeSum(buf, off, len, 0) !== 0xffff) return WireError.BadChecksum;
  const type = buf[off];
  r.type = type;
  r.code = buf[off + 1];
  r.ident = 0;
  r.seq = 0;
  r.mtu = 0;
  if (type === IcmpType.EchoRequest || type === IcmpType.EchoReply) {
    if (r.code !== 0) return WireError.Malformed;
    r.ident = get16(buf, off + 4);
    r.seq = get16(buf, off + 6);
  } else if (type === IcmpType.DestUnreachable) {
    if (r.code === IcmpUnreachCode.FragNeeded) r.mtu = get16(buf, off + 6);
  }
  r.payloadOff = off + ICMP_HEADER_LEN;
  r.payloadLen = len - ICMP_HEADER_LEN;
  return WireError.Ok;
}

/** Writes the 8-byte header at off and the checksum over header + r.payloadLen bytes that the caller
 *  has ALREADY placed at off+8. Returns 8 + payloadLen. */
export function emitIcmpv4(r: Icmpv4Repr, buf: Uint8Array, off: number): number {
  const type = r.type;
  buf[off] = type;
  buf[off + 1] = r.code;
  buf[off + 2] = 0;
  buf[off + 3] = 0;
  // Fields written in line (no put16 calls: each call costs on the interpreter; a Uint8Array keeps
  // the low 8 bits itself).
  const echo = type === IcmpType.EchoRequest || type === IcmpType.EchoReply;
  const id = echo ? r.ident : 0;
  const v = echo ? r.seq : type === IcmpType.DestUnreachable && r.code === IcmpUnreachCode.FragNeeded ? r.mtu : 0;
  buf[off + 4] = id >>> 8; buf[off + 5] = id; buf[off + 6] = v >>> 8; buf[off + 7] = v;
  const n = ICMP_HEADER_LEN + r.payloadLen;
  const c = ~activeSum(buf, off, n, 0);
  buf[off + 2] = c >>> 8;
  buf[off + 3] = c;
  return n;
}
