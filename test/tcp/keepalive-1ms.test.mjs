// The smallest keep-alive idle time, 1 ms, is an idle time like any other: each segment from the
// peer starts it again, and the probe (one below the next sequence number) goes 1 ms after the
// last one. And with keep-alive off (idle time 0) no segment from the peer starts one. Crafted
// peer (test/tcp/peer.mjs), both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';
import { pattern } from './pair.mjs';

for (const { name, lib } of builds) {
  describe(name + ': TCP keep-alive of 1 ms', () => {
    const F = lib.wire.TCP_FLAGS;

    /** Our socket after a handshake, keep-alive 1 ms; then 500 ms on, one segment from the peer. */
    function idleAfter(seg) {
      const p = craftedPeer(lib);
      const c = p.accept({ sockOpts: { keepAlive: 1, keepAliveInterval: 1000, keepAliveProbes: 3, ackDelay: 0 } });
      p.now += 500;
      p.send({ seq: c.rcv, ack: c.snd, flags: F.Ack, ...seg(c) });
      p.out();
      return { p, c };
    }

    for (const [what, seg] of [
      ['a pure ACK', () => ({})],
      ['a data segment', () => ({ data: pattern(10, 1) })],
      ['an out-of-order data segment', (c) => ({ seq: (c.rcv + 100) >>> 0, data: pattern(10, 2) })],
    ]) {
      test('after ' + what + ' from the peer, the probe goes 1 ms later', () => {
        const { p, c } = idleAfter(seg);
        assert.equal(p.iface.pollAt(p.now), p.now + 1, 'the interface asks to be polled 1 ms on');
        p.now += 1;
        p.poll();
        const probes = p.out();
        assert.equal(probes.length, 1, 'one probe 1 ms after the segment');
        assert.equal(probes[0].seq, (c.snd - 1) >>> 0, 'one below the next sequence number');
        assert.equal(probes[0].data.length, 0);
      });
    }

    test('keep-alive off: after a pure ACK from the peer nothing goes, not in an hour of idle', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ sockOpts: { ackDelay: 0 } });
      p.now += 500;
      p.send({ seq: c.rcv, ack: c.snd, flags: F.Ack });
      assert.deepEqual(p.out(), [], 'no answer to the ACK');
      assert.equal(p.iface.pollAt(p.now), -1, 'no timer');
      p.now += 3600000;
      p.poll();
      assert.deepEqual(p.out(), []);
      assert.equal(lib.socket.TCP_STATES[c.sock.state], 'Established');
    });
  });
}
