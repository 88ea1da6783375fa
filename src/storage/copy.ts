/** Copies n bytes between the callers' buffers: native set() by default, a plain loop in NO_ALLOC
 *  (a subarray view is an allocation). */
export function copyBytes(src: Uint8Array, so: number, dst: Uint8Array, d: number, n: number): void {
  if (NO_ALLOC) {
    for (let i = 0; i < n; i++) dst[d + i] = src[so + i];
  } else {
    dst.set(src.subarray(so, so + n), d);
  }
}
