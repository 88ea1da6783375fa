// CONTRACT STUB: the wire helper implements the bodies; signatures are shared with other layers.
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
export function createIcmpv4Repr(): Icmpv4Repr { return { type: 0, code: 0, ident: 0, seq: 0, mtu: 0, payloadOff: 0, payloadLen: 0 }; }
/** Parses an ICMP message occupying exactly buf[off..off+len) (the IP payload); checks the checksum.
 *  Types other than the three families above parse Ok with only type/code/payload filled. */
export function parseIcmpv4(buf: Uint8Array, off: number, len: number, r: Icmpv4Repr): number { return 1; }
/** Writes the 8-byte header at off and the checksum over header + r.payloadLen bytes that the caller
 *  has ALREADY placed at off+8. Returns 8 + payloadLen. */
export function emitIcmpv4(r: Icmpv4Repr, buf: Uint8Array, off: number): number { return 0; }
