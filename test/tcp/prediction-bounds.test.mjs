// Header prediction (TcpSocket.predicted) takes every usual segment of ESTABLISHED, up to the edges
// of its condition: in-order data that exactly fills the free ring, an ACK of everything we sent,
// an ACK of part of it; each counts once in stats[Predicted] and does what the full path does.
// Crafted peer (test/tcp/peer.mjs), both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer, recvAll } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;
const PREDICTED = 4; // TcpStat.Predicted

for (const { name, lib } of builds) {
  describe(name + ': TCP header prediction at the edges of its condition', () => {
    const F = lib.wire.TCP_FLAGS;

    test('in-order data that exactly fills the free ring is predicted and taken', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ sockOpts: { rxBytes: 1000, ackDelay: 0 } });
      const before = c.sock.stats[PREDICTED];
      const d = pattern(1000, 3);
      p.send({ seq: c.rcv, ack: c.snd, flags: F.Ack, data: d });
      assert.equal(c.sock.stats[PREDICTED] - before, 1);
      const ack = p.out().pop();
      assert.equal(ack.ack, u32(c.rcv + 1000));
      assert.equal(ack.window, 0);
      assert.deepEqual(recvAll(c.sock), d);
    });

    test('an ACK of part of what we sent, then of all of it: both predicted', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ sockOpts: { ackDelay: 0 } });
      c.sock.send(pattern(1000, 4), 0, 1000);
      p.poll();
      assert.equal(p.out().filter((s) => s.data.length).length, 1);
      const before = c.sock.stats[PREDICTED];
      p.send({ seq: c.rcv, ack: u32(c.snd + 400), flags: F.Ack });
      assert.equal(c.sock.stats[PREDICTED] - before, 1, 'the partial ACK');
      assert.equal(c.sock.sndUna, u32(c.snd + 400));
      p.send({ seq: c.rcv, ack: u32(c.snd + 1000), flags: F.Ack });
      assert.equal(c.sock.stats[PREDICTED] - before, 2, 'the ACK of everything sent');
      assert.equal(c.sock.sndUna, u32(c.snd + 1000));
      assert.equal(c.sock.sendQueue(), 0);
      assert.equal(p.iface.pollAt(p.now), -1, 'nothing in flight: no timer');
    });
  });
}
