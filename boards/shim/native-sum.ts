// Internet checksum helper backed by E.sum (native, ~70x faster than a JavaScript loop on the
// Linux build of Espruino; see src/ARCHITECTURE.md). Same contract as sum16 in
// src/wire/checksum.ts: ones'-complement sum of len bytes at buf[off..] added to `initial`,
// folded to 16 bits, not inverted. Null when E.sum is missing (SAVE_ON_FLASH builds).
export type Sum16 = (buf: Uint8Array, off: number, len: number, initial: number) => number;

export function nativeSum16(): Sum16 | null {
  if (typeof E === 'undefined' || !E || typeof E.sum !== 'function') return null;
  const sum = E.sum;
  return function (buf: Uint8Array, off: number, len: number, initial: number): number {
    let s = initial, i = 0;
    if (((buf.byteOffset + off) & 1) === 0 && len > 1) {
      // E.sum over little-endian 16-bit words: the folded sum of byte-swapped words is the
      // byte-swapped folded sum, so swap once at the end.
      const words = len >> 1;
      let w = sum(new Uint16Array(buf.buffer, buf.byteOffset + off, words));
      while (w > 0xffff) w = (w & 0xffff) + Math.floor(w / 65536);
      s += ((w & 255) << 8) | (w >> 8);
      i = words * 2;
    }
    for (; i + 1 < len; i += 2) s += (buf[off + i] << 8) | buf[off + i + 1];
    if (i < len) s += buf[off + i] << 8;
    while (s > 0xffff) s = (s & 0xffff) + Math.floor(s / 65536);
    return s;
  };
}
