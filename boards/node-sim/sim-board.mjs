// The simulated board's application: what runs on top of a Device in the demo and the interop
// tests. It serves a status JSON (its counters) over UDP port 8080 and, once the TCP socket exists,
// a web page and /status.json over HTTP. While the Interface is not merged it runs on the lib.wire
// stand-in (wire-responder.mjs) and says so in `stackLabel`. Node-only, never bundled.
import { wireResponder } from './wire-responder.mjs';

export const STATUS_PORT = 8080;

/**
 * createSimBoard(lib, dev, { ip: 'a.b.c.d', name }) -> { poll(), status(), stackLabel, ip }.
 * dev is the board's Device (a chip driver, or any Device); poll() handles whatever is waiting.
 */
export function createSimBoard(lib, dev, { ip, name = 'node-sim' }) {
  const ipNum = lib.wire.parseIpv4Address(ip);
  if (ipNum < 0) throw new Error(`createSimBoard: ip must be a dotted quad, got ${ip}`);
  const t0 = performance.now();
  let responder = null;
  const board = {
    ip,
    name,
    stackLabel: 'lib.wire stand-in (ARP, ICMP echo, UDP): the Interface is not merged yet',
    http: false,
    poll() {
      responder.poll();
    },
    status() {
      const s = {
        board: name,
        build: lib.noAlloc ? 'noalloc' : 'default',
        uptimeMs: Math.round(performance.now() - t0),
        stack: { frames: responder.seen.frames, arpRequests: responder.seen.arpRequests, echoRequests: responder.seen.echoRequests, udp: responder.seen.udp, ignored: responder.seen.ipv6 + responder.seen.other, bad: responder.seen.bad },
      };
      const c = dev.counters || (dev.inner && dev.inner.counters);
      if (c && lib.phy.countersObject) s.device = lib.phy.countersObject(c);
      return s;
    },
  };
  responder = wireResponder(lib, dev, {
    ip: ipNum,
    udpEchoPort: 7,
    udpServices: { [STATUS_PORT]: () => Buffer.from(JSON.stringify(board.status())) },
  });
  return board;
}
