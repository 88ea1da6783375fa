/**
 * The Internet checksum (RFC 1071): ones'-complement sum of 16-bit big-endian words.
 * sum16 returns the folded sum (not inverted) so that sums chain: pseudo-header, header, payload.
 * A board may install a native summing helper (Espruino's E.sum) with setSum16; the portable loop
 * below is the default.
 */
export type Sum16 = (buf: Uint8Array, off: number, len: number, initial: number) => number;

let native: Sum16 | null = null;

/** Installs (or with null removes) a faster implementation of sum16 with the same contract. */
export function setSum16(fn: Sum16 | null): void {
  native = fn;
  activeSum = fn !== null ? fn : sum16;
}

/** Ones'-complement sum of len bytes at buf[off..] added to `initial`, folded to 16 bits (not inverted).
 *  An odd final byte is summed as if followed by a zero byte. `initial` need not be folded: any
 *  integer in 0..2^20 (the formats pass the pseudo-header's plain sum). */
export function sum16(buf: Uint8Array, off: number, len: number, initial: number): number {
  if (native !== null) return native(buf, off, len, initial);
  let s = initial;
  let i = off;
  const even = off + (len & ~1);
  // Eight bytes a step; fold before the accumulator can leave the small-integer range.
  const end8 = off + (len & ~7);
  while (i < end8) {
    s += ((buf[i] << 8) | buf[i + 1]) + ((buf[i + 2] << 8) | buf[i + 3]) +
      ((buf[i + 4] << 8) | buf[i + 5]) + ((buf[i + 6] << 8) | buf[i + 7]);
    i += 8;
    if (s > 0x3fff0000) s = (s & 0xffff) + (s >>> 16);
  }
  while (i < even) {
    s += (buf[i] << 8) | buf[i + 1];
    i += 2;
  }
  if (len & 1) s += buf[even] << 8;
  s = (s & 0xffff) + (s >>> 16);
  s = (s & 0xffff) + (s >>> 16);
  return s;
}

/** Sum of the IPv4 pseudo-header (src, dst, zero + protocol, length), folded to 16 bits. */
export function pseudoSum(src: number, dst: number, protocol: number, length: number): number {
  let s = (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + protocol + length;
  s = (s & 0xffff) + (s >>> 16);
  return (s & 0xffff) + (s >>> 16);
}

/** Final checksum from a folded sum: ~sum & 0xffff. */
export function finish(sum: number): number {
  return ~sum & 0xffff;
}

/** The implementation in use, which the formats call directly: one call less per checksum on the
 *  interpreter. Reassigned by setSum16, so it is left out of the wire namespace (src/wire/index.ts),
 *  where a reassigned export would need a getter. */
export let activeSum: Sum16 = sum16;
