/** Copies n bytes between the callers' buffers with native set() through a subarray view of the
 *  source. NO_ALLOC uses a plain loop unless the board has called copyByViews(true). */
let views = !NO_ALLOC;

/**
 * NO_ALLOC only (the default build always uses views): lets copies use set() through a temporary
 * subarray view. A board turns it on where such a view is one reference-counted block freed as soon
 * as the copy returns, so that memory use does not move (Espruino, where a loop over the bytes
 * costs about 100 times the native copy); in Node a view is a heap object and the loop, compiled,
 * is fast, so node-sim keeps the loop and allocates nothing.
 */
export function copyByViews(on: boolean): void {
  views = !NO_ALLOC || on;
}

export function copyBytes(src: Uint8Array, so: number, dst: Uint8Array, d: number, n: number): void {
  if (!NO_ALLOC || views) {
    dst.set(src.subarray(so, so + n), d);
  } else {
    for (let i = 0; i < n; i++) dst[d + i] = src[so + i];
  }
}
