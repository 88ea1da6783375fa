// Deterministic test bodies: byte i of a blob depends only on i, so either side can produce or check
// any range without holding the whole body.
export function blobByte(i) {
  return ((i * 31) ^ (i >>> 8) ^ (i >>> 17) ^ 0x5a) & 255;
}

/** Fills buf[off..off+len) with blob bytes start..start+len. */
export function fillBlob(start, buf, off, len) {
  for (let k = 0; k < len; k++) buf[off + k] = blobByte(start + k);
}

/** The whole blob of n bytes (tests, and files served by the kernel side). */
export function blob(n) {
  const b = Buffer.alloc(n);
  fillBlob(0, b, 0, n);
  return b;
}
