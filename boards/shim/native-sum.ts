// Internet checksum helper backed by E.sum (native, ~70x faster than a JavaScript loop on the
// Linux build of Espruino; see src/ARCHITECTURE.md). Same contract as sum16 in
// src/wire/checksum.ts: ones'-complement sum of len bytes at buf[off..] added to `initial`,
// folded to 16 bits, not inverted. Null when E.sum is missing (SAVE_ON_FLASH builds).
export type Sum16 = (buf: Uint8Array, off: number, len: number, initial: number) => number;

export function nativeSum16(): Sum16 | null {
  if (typeof E === 'undefined' || !E || typeof E.sum !== 'function') return null;
  const sum = E.sum;
  // An odd address cannot be viewed as 16-bit words (the stack's headers never are): summed byte
  // by byte, swapped (the common tail swaps it back). A function of its own: the interpreter reads
  // the text of a branch it skips, and this one is skipped on every call.
  const oddSum16 = function (buf: Uint8Array, off: number, len: number): number {
    let s = 0;
    for (let i = 0; i + 1 < len; i += 2) s += (buf[off + i] << 8) | buf[off + i + 1];
    s = (s & 0xffff) + (s >>> 16);
    s = (s & 0xffff) + (s >>> 16);
    return ((s & 255) << 8) | (s >> 8);
  };
  // Few statements on purpose: the interpreter's cost is per statement, and this runs four times
  // per frame.
  return function (buf: Uint8Array, off: number, len: number, initial: number): number {
    const a = buf.byteOffset + off;
    let s = 0;
    if (a & 1) s = oddSum16(buf, off, len);
    else if (len > 1) s = sum(new Uint16Array(buf.buffer, a, len >> 1));
    // E.sum adds little-endian words (at most 32767 of them: below 2^31); folded twice it fits 16
    // bits, and the byte-swapped fold of swapped words is the fold of the big-endian words.
    s = (s & 0xffff) + (s >>> 16);
    s = (s & 0xffff) + (s >>> 16);
    s = (((s & 255) << 8) | (s >> 8)) + initial + (len & 1 ? buf[off + len - 1] << 8 : 0);
    s = (s & 0xffff) + (s >>> 16);
    return (s & 0xffff) + (s >>> 16);
  };
}
