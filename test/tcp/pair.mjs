// Two interfaces on a virtual wire with TCP sockets, for the TCP tests.
import { VirtualWire, runUntilIdle } from '../net/virtual-wire.mjs';

export const MAC_A = 0x020000000001, MAC_B = 0x020000000002;

/** addrs: the two hosts' addresses on one /24 (default 10.0.0.1 and 10.0.0.2); config: more
 *  InterfaceConfig for both. */
export function tcpPair(lib, { faults = {}, faultsA = {}, faultsB = {}, seed = 7, mtu, sockets = 16, addrs = ['10.0.0.1', '10.0.0.2'], config = {} } = {}) {
  const wire = new VirtualWire({ seed, ...faults });
  const A = new lib.iface.Interface({ device: wire.port(MAC_A, faultsA), ip: addrs[0], prefix: 24, seed: 1, mtu, sockets, ...config });
  const B = new lib.iface.Interface({ device: wire.port(MAC_B, faultsB), ip: addrs[1], prefix: 24, seed: 2, mtu, sockets, ...config });
  const ipA = lib.wire.parseIpv4Address(addrs[0]), ipB = lib.wire.parseIpv4Address(addrs[1]);
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

/**
 * Streams `data` from socket `from` to socket `to` (both established), feeding the sender and
 * draining the receiver between polls, with virtual time moving to the next event. Returns the
 * received bytes and the virtual time it took. Throws if it stalls for maxMs of virtual time.
 */
export function transfer(p, from, to, data, { maxMs = 3600000, close = true } = {}) {
  const got = new Uint8Array(data.length);
  let sent = 0, recvd = 0;
  const buf = new Uint8Array(65536);
  const t0 = p.wire.now;
  let closed = false;
  for (let step = 0; step < 5e6; step++) {
    if (sent < data.length) sent += Math.max(0, from.send(data, sent, Math.min(65536, data.length - sent)));
    if (close && sent === data.length && !closed) {
      from.close();
      closed = true;
    }
    let busy = false;
    if (p.A.poll(p.wire.now)) busy = true;
    if (p.B.poll(p.wire.now)) busy = true;
    for (;;) {
      const n = to.recv(buf, 0, buf.length);
      if (n <= 0) break;
      if (recvd + n > data.length) throw new Error('received more bytes than were sent');
      got.set(buf.subarray(0, n), recvd);
      recvd += n;
      busy = true;
    }
    if (recvd === data.length && (!close || to.recv(buf, 0, 1) < 0)) return { got, ms: p.wire.now - t0 };
    if (busy) continue;
    let t = p.wire.nextArrival();
    for (const i of [p.A, p.B]) {
      const d = i.pollAt(p.wire.now);
      if (d >= 0 && (t < 0 || d < t)) t = d;
    }
    if (t < 0) throw new Error('transfer stalled: nothing scheduled, ' + recvd + ' of ' + data.length + ' bytes');
    if (t > p.wire.now) p.wire.now = t;
    if (p.wire.now - t0 > maxMs) throw new Error('transfer too slow: ' + recvd + ' of ' + data.length + ' bytes');
  }
  throw new Error('transfer: step limit');
}
