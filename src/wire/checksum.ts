// CONTRACT STUB: the wire helper implements the bodies; signatures are shared with other layers.
/** Ones'-complement sum of len bytes at buf[off..] added to `initial`, folded to 16 bits (not inverted). */
export function sum16(buf: Uint8Array, off: number, len: number, initial: number): number { return 0; }
/** Sum of the IPv4 pseudo-header (src, dst, protocol, length), folded to 16 bits. */
export function pseudoSum(src: number, dst: number, protocol: number, length: number): number { return 0; }
/** Final checksum from a folded sum: ~sum & 0xffff. */
export function finish(sum: number): number { return ~sum & 0xffff; }
