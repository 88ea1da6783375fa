// 32-bit sequence arithmetic (RFC 9293 3.4): numbers are unsigned and wrap; a comparison looks at
// the signed 32-bit distance, valid while the two are less than 2^31 apart.
export function seqAdd(a: number, n: number): number {
  return (a + n) >>> 0;
}
/** b - a as a signed 32-bit distance. */
export function seqDiff(b: number, a: number): number {
  return (b - a) | 0;
}
export function seqLt(a: number, b: number): boolean {
  return ((a - b) | 0) < 0;
}
export function seqLe(a: number, b: number): boolean {
  return ((a - b) | 0) <= 0;
}
export function seqGt(a: number, b: number): boolean {
  return ((a - b) | 0) > 0;
}
export function seqGe(a: number, b: number): boolean {
  return ((a - b) | 0) >= 0;
}
