// Equivalence of the two builds: random sequences of socket operations and incoming packets give
// identical results, identical deliveries and identical emitted frames in the default build (hash
// tables, dirty ring, deadline heap) and the NO_ALLOC build (linear scans).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { builds } from '../helpers/bundles.mjs';
import { captureDevice, frameBuilder } from '../iface/frames.mjs';

const PORTS = [7, 53, 68];
const op = fc.oneof(
  fc.record({ t: fc.constant('add'), kind: fc.constantFrom('udp', 'raw', 'icmp') }),
  fc.record({ t: fc.constant('bind'), k: fc.nat(9), port: fc.constantFrom(...PORTS), exact: fc.boolean() }),
  fc.record({ t: fc.constant('unbind'), k: fc.nat(9) }),
  fc.record({ t: fc.constant('remove'), k: fc.nat(9) }),
  fc.record({ t: fc.constant('rx-udp'), port: fc.constantFrom(...PORTS, 99), bcast: fc.boolean(), len: fc.nat(40) }),
  fc.record({ t: fc.constant('rx-raw'), proto: fc.constantFrom(50, 51) }),
  fc.record({ t: fc.constant('rx-ping'), ident: fc.nat(3), reply: fc.boolean() }),
  fc.record({ t: fc.constant('send'), k: fc.nat(9), len: fc.nat(30), peer: fc.constantFrom('10.0.0.2', '10.0.0.3', '8.8.8.8') }),
  fc.record({ t: fc.constant('recv'), k: fc.nat(9) }),
  fc.record({ t: fc.constant('poll'), dt: fc.nat(1500) }),
  fc.record({ t: fc.constant('burst') }),
  fc.record({ t: fc.constant('arp-reply'), who: fc.constantFrom('10.0.0.3', '10.0.0.254') }),
);

/** Runs ops on one build and returns everything observable. */
function run(lib, ops) {
  const F = frameBuilder(lib);
  const dev = captureDevice();
  const iface = new lib.iface.Interface({ device: dev, ip: '10.0.0.1', prefix: 24, gateway: '10.0.0.254', sockets: 8, seed: 11 });
  iface.neighbors.fill(F.A('10.0.0.2'), 0x020000000002, 0);
  const socks = [];
  const log = [];
  // Every run starts with several sockets, so that short sequences already exercise the tables
  // and the order in which egress visits sockets.
  for (const x of [new lib.socket.UdpSocket(), new lib.socket.UdpSocket(), new lib.socket.UdpSocket(), new lib.socket.IcmpSocket(), new lib.socket.RawSocket()]) {
    log.push(['add', iface.add(x)]);
    socks.push(x);
  }
  let now = 0;
  const out = new Uint8Array(2048);
  const feed = (f) => log.push(['rx', iface.processEthernet(f, 0, f.length, now)]);
  for (const o of ops) {
    const s = socks.length ? socks[o.k % socks.length] : null;
    switch (o.t) {
      case 'add': {
        // Past the capacity the builds differ by design (the default grows, NO_ALLOC says Exhausted).
        if (iface.set.count >= 8) break;
        const x = o.kind === 'udp' ? new lib.socket.UdpSocket() : o.kind === 'raw' ? new lib.socket.RawSocket() : new lib.socket.IcmpSocket();
        const h = iface.add(x);
        log.push(['add', h]);
        if (h >= 0) socks.push(x);
        break;
      }
      case 'bind':
        if (!s || s.set === null) break;
        if (s.kind === 1) log.push(['bind', s.bind(o.port, o.exact ? F.A('10.0.0.1') : 0)]);
        else if (s.kind === 3) log.push(['bind', s.bind(4, o.port === 7 ? 50 : 51)]);
        else log.push(['bind', s.bind(o.port % 4)]);
        break;
      case 'unbind':
        if (s && s.kind === 1 && s.set !== null) { s.unbind(); log.push(['unbind']); }
        break;
      case 'remove':
        if (s && s.set !== null) log.push(['remove', iface.remove(s.handle)]);
        break;
      case 'rx-udp':
        feed(F.udp({ src: '10.0.0.2', dst: o.bcast ? '10.0.0.255' : '10.0.0.1', dport: o.port, ethDst: o.bcast ? 0xffffffffffff : undefined, data: new Uint8Array(o.len).fill(o.len) }));
        break;
      case 'rx-raw':
        feed(F.raw({ src: '10.0.0.2', dst: '10.0.0.1', protocol: o.proto }));
        break;
      case 'rx-ping':
        feed(F.icmp({ src: '10.0.0.2', dst: '10.0.0.1', type: o.reply ? 0 : 8, ident: o.ident, seq: 1, data: Uint8Array.of(1, 2) }));
        break;
      case 'send':
        if (!s || s.set === null) break;
        if (s.kind === 1) log.push(['send', s.sendTo(new Uint8Array(o.len).fill(3), 0, o.len, F.A(o.peer), 9)]);
        else if (s.kind === 3) log.push(['send', s.send(new Uint8Array(o.len), 0, o.len, F.A(o.peer))]);
        else log.push(['send', s.sendEcho(F.A(o.peer), 1, new Uint8Array(o.len), 0, o.len)]);
        break;
      case 'recv':
        if (!s) break;
        if (s.kind === 1) log.push(['recv', s.recvFrom(out, 0, 2048), s.fromAddr, s.fromPort, Buffer.from(out.subarray(0, 8)).toString('hex')]);
        else log.push(['recv', s.recv(out, 0, 2048)]);
        break;
      case 'burst':
        // Every socket has something to send in the same poll: the visiting order shows.
        for (let i = socks.length - 1; i >= 0; i--) {
          const x = socks[i];
          if (x.set === null) continue;
          if (x.kind === 1) log.push(['send', x.sendTo(Uint8Array.of(i), 0, 1, F.A('10.0.0.2'), 9)]);
          else if (x.kind === 4) log.push(['send', x.sendEcho(F.A('10.0.0.2'), i, Uint8Array.of(i), 0, 1)]);
        }
        iface.poll(now);
        break;
      case 'poll':
        now += o.dt;
        iface.poll(now);
        log.push(['pollAt', iface.pollAt(now)]);
        break;
      case 'arp-reply':
        feed(F.arp({ op: 2, ethDst: 0x020000000001, senderMac: o.who === '10.0.0.3' ? 0x020000000003 : 0x0200000000fe, senderIp: o.who, targetIp: '10.0.0.1', targetMac: 0x020000000001 }));
        break;
    }
  }
  iface.poll(now + 5000);
  return { log, frames: dev.sent.map((f) => Buffer.from(f).toString('hex')), counters: Array.from(iface.counters) };
}

test('two sockets dirty in one poll are sent in the same order by both builds', () => {
  const orders = builds.map(({ lib }) => {
    const F = frameBuilder(lib);
    const dev = captureDevice();
    const iface = new lib.iface.Interface({ device: dev, ip: '10.0.0.1', prefix: 24, sockets: 8, seed: 11 });
    iface.neighbors.fill(F.A('10.0.0.2'), 0x020000000002, 0);
    const s = [0, 1, 2].map(() => new lib.socket.UdpSocket());
    s.forEach((x, i) => { iface.add(x); x.bind(100 + i); });
    for (let round = 0; round < 4; round++) {
      for (const i of [2, 0, 1]) s[i].sendTo(Uint8Array.of(round), 0, 1, F.A('10.0.0.2'), 9);
      iface.poll(round);
    }
    return dev.sent.map((f) => f[34] * 256 + f[35]);
  });
  assert.equal(orders[0].length, 12);
  assert.deepEqual(orders[0], orders[1]);
  // Round-robin: the first socket visited moves on each poll.
  assert.deepEqual(orders[0].filter((_, i) => i % 3 === 0), [100, 101, 102, 100]);
});

test('default and NO_ALLOC builds deliver, answer and emit identically', () => {
  const [a, b] = builds;
  assert.equal(a.lib.noAlloc, false);
  assert.equal(b.lib.noAlloc, true);
  let sent = 0, bursts = 0;
  fc.assert(
    fc.property(fc.array(op, { minLength: 1, maxLength: 80, size: 'large' }), (ops) => {
      const x = run(a.lib, ops), y = run(b.lib, ops);
      assert.deepEqual(x.log, y.log);
      assert.deepEqual(x.frames, y.frames);
      assert.deepEqual(x.counters, y.counters);
      sent += x.frames.length;
      if (ops.some((o) => o.t === 'burst')) bursts++;
    }),
    { numRuns: 300, seed: 20261124 },
  );
  assert.ok(bursts > 50, 'bursts exercised: ' + bursts);
  assert.ok(sent > 100, 'the sequences made the interfaces send frames (' + sent + ')');
});
