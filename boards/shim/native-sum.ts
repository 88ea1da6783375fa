// Internet checksum helper backed by E.sum (native, ~70x faster than a JavaScript loop on the
// Linux build of Espruino; see src/ARCHITECTURE.md). Same contract as sum16 in
// src/wire/checksum.ts: ones'-complement sum of len bytes at buf[off..] added to `initial`,
// folded to 16 bits, not inverted. Null when E.sum is missing (SAVE_ON_FLASH builds).
export type Sum16 = (buf: Uint8Array, off: number, len: number, initial: number) => number;

export function nativeSum16(): Sum16 | null {
  if (typeof E === 'undefined' || !E || typeof E.sum !== 'function') return null;
  const sum = E.sum;
  // An odd address cannot be viewed as 16-bit words in a standard engine (the stack's headers
  // never are): summed byte by byte. A function of its own: the interpreter reads the text of a
  // branch it skips, and this one is skipped on every call.
  const oddSum16 = function (buf: Uint8Array, off: number, len: number, initial: number): number {
    let s = initial;
    for (let i = 0; i + 1 < len; i += 2) s += (buf[off + i] << 8) | buf[off + i + 1];
    if (len & 1) s += buf[off + len - 1] << 8;
    return (s - 1) % 65535 + 1;
  };
  // Three statements on purpose: the interpreter's cost is per statement and per token, and this
  // runs three times per TCP segment. E.sum adds little-endian words (at most 32767 of them:
  // below 2^31); times 256 that is the sum of the big-endian words modulo 65535, which is all a
  // ones' complement sum keeps (2^16 is 1 modulo 65535), and (x - 1) % 65535 + 1 folds it to 16
  // bits (0 stays 0, a multiple of 65535 is 0xffff).
  return function (buf: Uint8Array, off: number, len: number, initial: number): number {
    const a = buf.byteOffset + off;
    if (a & 1) return oddSum16(buf, off, len, initial);
    const x = (len > 1 ? sum(new Uint16Array(buf.buffer, a, len >> 1)) * 256 : 0) + initial + (len & 1 ? buf[off + len - 1] << 8 : 0);
    return (x - 1) % 65535 + 1;
  };
}
