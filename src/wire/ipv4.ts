// CONTRACT STUB: the wire helper implements the bodies; signatures are shared with other layers.
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
export function createIpv4Repr(): Ipv4Repr { return { src: 0, dst: 0, protocol: 0, ttl: 64, tos: 0, ident: 0, dontFrag: false, moreFrags: false, fragOffset: 0, headerLen: 20, payloadLen: 0 }; }
/**
 * Parses the header at buf[off..off+len); len may exceed the total length (Ethernet padding).
 * Checks version, IHL, total length against len, header checksum. Options are skipped. A fragment
 * parses Ok with moreFrags/fragOffset set: the caller decides (it counts and drops them).
 * Payload is buf[off+headerLen .. off+headerLen+payloadLen).
 */
export function parseIpv4(buf: Uint8Array, off: number, len: number, r: Ipv4Repr): number { return 1; }
/** Writes a 20-byte header (no options) with its checksum; returns 20. */
export function emitIpv4(r: Ipv4Repr, buf: Uint8Array, off: number): number { return 0; }
/** Parses a dotted quad ("10.0.0.1") into a number, or -1 when it is not one. Configuration time only. */
export function parseIpv4Address(s: string): number { return -1; }
/** Formats an address as a dotted quad. Configuration/diagnostics only (allocates a string). */
export function formatIpv4Address(a: number): string { return ''; }
