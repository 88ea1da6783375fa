/** Copies n bytes between the callers' buffers with native set() through a subarray view of the
 *  source. NO_ALLOC uses a plain loop unless the board has called copyByViews(true). */
let views = !NO_ALLOC;
/** Copies of 768 bytes or more go as 32-bit words (see copyByViews). */
let words = false;

/**
 * A board's choice, made by startDevice on Espruino: copies through temporary views.
 * - NO_ALLOC (the default build always uses views): copies use set() through a subarray view
 *   instead of a loop. On Espruino such a view is one reference-counted block freed as soon as the
 *   copy returns, so that memory use does not move, and the loop costs about 100 times the native
 *   copy; in Node a view is a heap object and the loop, compiled, is fast, so node-sim keeps the
 *   loop and allocates nothing.
 * - Both builds, where a Uint32Array may view any byte offset (Espruino; a standard engine throws,
 *   and then this stays off): copies of 768 bytes and more go as 32-bit words. Espruino's set()
 *   costs about the same per element whatever its size, some 550 machine instructions a byte as
 *   bytes and 270 as words; the two word views cost about as much as 700 bytes save.
 */
export function copyByViews(on: boolean): void {
  views = !NO_ALLOC || on;
  words = false;
  if (on) {
    try {
      new Uint32Array(new ArrayBuffer(8), 1, 1);
      words = true;
    } catch (e) {
      // Views must be aligned here: copies stay byte-wise.
    }
  }
}

export function copyBytes(src: Uint8Array, so: number, dst: Uint8Array, d: number, n: number): void {
  // The length first: a literal is found at once, a module-level name by a search of the module.
  if (n >= 768 && words) return copyWords(src, so, dst, d, n);
  if (!NO_ALLOC || views) {
    dst.set(src.subarray(so, so + n), d);
  } else {
    for (let i = 0; i < n; i++) dst[d + i] = src[so + i];
  }
}

/** n >> 2 words through two unaligned Uint32Array views, then the last 0 to 3 bytes. */
function copyWords(src: Uint8Array, so: number, dst: Uint8Array, d: number, n: number): void {
  const w = n >> 2, b = w << 2;
  new Uint32Array(dst.buffer, dst.byteOffset + d, w).set(new Uint32Array(src.buffer, src.byteOffset + so, w));
  if (b < n) dst.set(src.subarray(so + b, so + n), d + b);
}
