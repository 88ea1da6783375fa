// Byte <-> string conversion for the NetworkJS driver, native where Espruino has it: a per-byte
// JavaScript loop costs a statement per byte on the interpreter. Null when missing (then the
// driver's portable loops are used).
export function nativeBytesToString(): ((buf: Uint8Array, off: number, len: number) => string) | null {
  // Every object has a toString: E.toUint8Array (Espruino only) tells the native pair is there.
  if (typeof E === 'undefined' || !E || typeof E.toUint8Array !== 'function') return null;
  return function (buf: Uint8Array, off: number, len: number): string {
    return len === 0 ? '' : E.toString!(new Uint8Array(buf.buffer, buf.byteOffset + off, len));
  };
}

export function nativeStringToBytes(): ((s: string, buf: Uint8Array, off: number) => number) | null {
  if (typeof E === 'undefined' || !E || typeof E.toUint8Array !== 'function') return null;
  return function (s: string, buf: Uint8Array, off: number): number {
    buf.set(E.toUint8Array!(s), off);
    return s.length;
  };
}
