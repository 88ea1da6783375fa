// Two interfaces on a virtual wire with TCP sockets, for the TCP tests.
import { VirtualWire, runUntilIdle } from '../net/virtual-wire.mjs';

export const MAC_A = 0x020000000001, MAC_B = 0x020000000002;

export function tcpPair(lib, { faults = {}, faultsA = {}, faultsB = {}, seed = 7, mtu, sockets = 16 } = {}) {
  const wire = new VirtualWire({ seed, ...faults });
  const A = new lib.iface.Interface({ device: wire.port(MAC_A, faultsA), ip: '10.0.0.1', prefix: 24, seed: 1, mtu, sockets });
  const B = new lib.iface.Interface({ device: wire.port(MAC_B, faultsB), ip: '10.0.0.2', prefix: 24, seed: 2, mtu, sockets });
  const ipA = lib.wire.parseIpv4Address('10.0.0.1'), ipB = lib.wire.parseIpv4Address('10.0.0.2');
  const run = (opts) => runUntilIdle(wire, [A, B], opts);
  return { wire, A, B, ipA, ipB, run };
}

export function bytesOf(s) {
  return Uint8Array.from(Buffer.from(s));
}

/** Reads everything available from a TCP socket into arr (numbers). Returns recv's last result. */
export function drain(sock, out) {
  const buf = new Uint8Array(65536);
  for (;;) {
    const n = sock.recv(buf, 0, buf.length);
    if (n <= 0) return n;
    for (let i = 0; i < n; i++) out.push(buf[i]);
  }
}

/** Deterministic pseudo-random payload. */
export function pattern(n, seed = 1) {
  const b = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    b[i] = x & 255;
  }
  return b;
}
