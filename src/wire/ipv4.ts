import { WireError } from './codes';
import { activeSum } from './checksum';

export const IPV4_HEADER_LEN = 20;
export const enum IpProtocol { Icmp = 1, Tcp = 6, Udp = 17 }

/** Addresses are unsigned 32-bit numbers (a.b.c.d = a<<24|b<<16|c<<8|d, then >>> 0). */
export interface Ipv4Repr {
  src: number; dst: number; protocol: number; ttl: number;
  /** DSCP and ECN byte. */
  tos: number; ident: number;
  dontFrag: boolean; moreFrags: boolean; /** Fragment offset in bytes. */ fragOffset: number;
  /** Header length in bytes (parse: from IHL, options included; emit always writes 20). */
  headerLen: number;
  /** Payload length in bytes: totalLength - headerLen. Parse fills it; emit reads it. */
  payloadLen: number;
}

export function createIpv4Repr(): Ipv4Repr {
  return { src: 0, dst: 0, protocol: 0, ttl: 64, tos: 0, ident: 0, dontFrag: false, moreFrags: false, fragOffset: 0, headerLen: 20, payloadLen: 0 };
}

/**
 * Parses the header at buf[off..off+len); len may exceed the total length (Ethernet padding).
 * Checks version, IHL, total length against len, header checksum. Options are skipped. A fragment
 * parses Ok with moreFrags/fragOffset set: the caller decides (it counts and drops them).
 * Payload is buf[off+headerLen .. off+headerLen+payloadLen).
 */
export function parseIpv4(buf: Uint8Array, off: number, len: number, r: Ipv4Repr): number {
  if (len < IPV4_HEADER_LEN) return WireError.Truncated;
  const vihl = buf[off];
  if (vihl >> 4 !== 4) return WireError.UnknownVersion;
  const hl = (vihl & 15) << 2;
  if (hl < IPV4_HEADER_LEN) return WireError.BadHeaderLength;
  if (hl > len) return WireError.Truncated;
  const total = (buf[off + 2] << 8) | buf[off + 3];
  if (total < hl) return WireError.BadLength;
  if (total > len) return WireError.Truncated;
  if (activeSum(buf, off, hl, 0) !== 0xffff) return WireError.BadChecksum;
  // Fields read inline (no get16/get32 calls): every call costs on the interpreter.
  const frag = (buf[off + 6] << 8) | buf[off + 7];
  if (frag & 0x8000) return WireError.Malformed; // the reserved flag must be zero
  r.tos = buf[off + 1];
  r.ident = (buf[off + 4] << 8) | buf[off + 5];
  r.dontFrag = (frag & 0x4000) !== 0;
  r.moreFrags = (frag & 0x2000) !== 0;
  r.fragOffset = (frag & 0x1fff) << 3;
  r.ttl = buf[off + 8];
  r.protocol = buf[off + 9];
  r.src = ((buf[off + 12] << 24) | (buf[off + 13] << 16) | (buf[off + 14] << 8) | buf[off + 15]) >>> 0;
  r.dst = ((buf[off + 16] << 24) | (buf[off + 17] << 16) | (buf[off + 18] << 8) | buf[off + 19]) >>> 0;
  r.headerLen = hl;
  r.payloadLen = total - hl;
  return WireError.Ok;
}

/** Writes a 20-byte header (no options) with its checksum; returns 20. The checksum is summed from
 *  the fields rather than from the bytes written: fewer steps on the interpreter. */
export function emitIpv4(r: Ipv4Repr, buf: Uint8Array, off: number): number {
  const tos = r.tos & 255, total = IPV4_HEADER_LEN + r.payloadLen, id = r.ident & 0xffff, src = r.src, dst = r.dst;
  const frag = (r.dontFrag ? 0x4000 : 0) | (r.moreFrags ? 0x2000 : 0) | ((r.fragOffset >>> 3) & 0x1fff);
  const ttl = r.ttl & 255, proto = r.protocol & 255;
  let c = (0x4500 | tos) + total + id + frag + ((ttl << 8) | proto) + (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff);
  c = (c & 0xffff) + (c >>> 16);
  c = ~((c & 0xffff) + (c >>> 16)) & 0xffff;
  // A Uint8Array keeps the low 8 bits of what it is given.
  buf[off] = 0x45; buf[off + 1] = tos; buf[off + 2] = total >>> 8; buf[off + 3] = total;
  buf[off + 4] = id >>> 8; buf[off + 5] = id; buf[off + 6] = frag >>> 8; buf[off + 7] = frag;
  buf[off + 8] = ttl; buf[off + 9] = proto; buf[off + 10] = c >>> 8; buf[off + 11] = c;
  buf[off + 12] = src >>> 24; buf[off + 13] = src >>> 16; buf[off + 14] = src >>> 8; buf[off + 15] = src;
  buf[off + 16] = dst >>> 24; buf[off + 17] = dst >>> 16; buf[off + 18] = dst >>> 8; buf[off + 19] = dst;
  return IPV4_HEADER_LEN;
}

/** Parses a dotted quad ("10.0.0.1") into a number, or -1 when it is not one. Configuration time only. */
export function parseIpv4Address(s: string): number {
  if (typeof s !== 'string') return -1;
  const parts = s.split('.');
  if (parts.length !== 4) return -1;
  let a = 0;
  for (let i = 0; i < 4; i++) {
    const p = parts[i];
    // Digits by hand: Espruino's RegExp has no {n,m} or ? quantifier.
    if (p.length < 1 || p.length > 3) return -1;
    let n = 0;
    for (let k = 0; k < p.length; k++) {
      const c = p.charCodeAt(k) - 48;
      if (c < 0 || c > 9) return -1;
      n = n * 10 + c;
    }
    if (n > 255) return -1;
    a = a * 256 + n;
  }
  return a;
}

/** The prefix length of a netmask (leading one bits). */
export function prefixFromMask(mask: number): number {
  let n = 0;
  while (n < 32 && ((mask << n) & 0x80000000) !== 0) n++;
  return n;
}

/** Formats an address as a dotted quad. Configuration/diagnostics only (allocates a string). */
export function formatIpv4Address(a: number): string {
  return (a >>> 24) + '.' + ((a >>> 16) & 255) + '.' + ((a >>> 8) & 255) + '.' + (a & 255);
}
