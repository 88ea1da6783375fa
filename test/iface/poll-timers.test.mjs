// poll runs egress only when a socket is dirty or the earliest deadline is due (Interface.poll
// tests the set's ring and its deadline heap itself, the default build's shortcut): a timer fires
// at its time whatever later timers other sockets hold, and polls with nothing due do not move it.
// Two connections of ours to a crafted peer, each owing a delayed ACK. Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from '../tcp/peer.mjs';

for (const { name, lib } of builds) {
  describe(name + ': poll and the sockets\' timers', () => {
    const F = lib.wire.TCP_FLAGS;

    /** Two connections; the peer sends 100 bytes to the first at t1 and to the second at t2. */
    function twoOwingAcks(t1, t2) {
      const p = craftedPeer(lib);
      const c = [p.connect({ sockOpts: { ackDelay: 40 } }), p.connect({ irs: 19000, sockOpts: { ackDelay: 40 } })];
      const start = p.now;
      const data = new Uint8Array(100).fill(7);
      for (const [k, t] of [[0, t1], [1, t2]].sort((a, b) => a[1] - b[1])) {
        p.now = start + t;
        p.send({ sport: 80, dport: c[k].port, seq: c[k].rcv, ack: c[k].snd, flags: F.Ack | F.Psh, data });
      }
      assert.equal(p.out().length, 0, 'no ACK at once (delayed)');
      return { p, c, start };
    }

    /** Polls every ms from..to (relative to start) and returns when each connection's ACK left. */
    function ackTimes(p, c, start, to) {
      const at = [-1, -1];
      for (let t = p.now - start; t <= to; t++) {
        p.now = start + t;
        p.poll();
        for (const s of p.out()) {
          const k = c.findIndex((x) => x.port === s.sport);
          assert.ok(k >= 0 && s.flags & F.Ack && s.data.length === 0, 'a pure ACK of one of ours');
          assert.equal(at[k], -1, 'one ACK per connection');
          at[k] = t;
        }
      }
      return at;
    }

    test('the earlier delayed ACK leaves at its time while the other connection\'s is later', () => {
      const { p, c, start } = twoOwingAcks(0, 10);
      assert.deepEqual(ackTimes(p, c, start, 100), [40, 50]);
    });

    test('the same with the connections\' timers the other way round (the earliest in either slot)', () => {
      const { p, c, start } = twoOwingAcks(10, 0);
      assert.deepEqual(ackTimes(p, c, start, 100), [50, 40]);
    });

    test('the same with both due in the same poll', () => {
      const { p, c, start } = twoOwingAcks(0, 0);
      assert.deepEqual(ackTimes(p, c, start, 100), [40, 40]);
    });
  });
}
