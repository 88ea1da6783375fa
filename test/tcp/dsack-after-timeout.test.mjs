// A timeout closes the record of the fast recovery before it (SackBoard.clear), against a crafted
// peer (test/tcp/peer.mjs): a D-SACK that comes after the timeout, reporting the recovery's only
// retransmission received twice, undoes nothing (the timeout's own cut stands). No RTT sample yet,
// so no loss probe resends s0 in the recovery (which would close the record too). Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP D-SACK after a timeout', () => {
    const F = lib.wire.TCP_FLAGS;
    test('the fast retransmission D-SACKed after a timeout undoes nothing', () => {
      const p = craftedPeer(lib);
      const { sock, port, snd: base } = p.connect({ mss: 500, sack: true, sockOpts: { initialRto: 1000, minRto: 1000, txBytes: 8192 } });
      const seg = (k) => [u32(base + 500 * k), u32(base + 500 * (k + 1))];
      const ack = (a, sackBlocks) => p.send({ sport: 80, dport: port, seq: 9001, ack: a, flags: F.Ack, sackBlocks });
      sock.send(pattern(3000, 1), 0, 3000);
      p.poll();
      assert.equal(p.out().filter((s) => s.data.length).length, 6);
      for (const b of [[seg(1)], [[seg(1)[0], seg(2)[1]]], [[seg(1)[0], seg(4)[1]]]]) ack(base, b);
      assert.deepEqual(p.out().filter((s) => s.data.length).map((s) => u32(s.seq - base) / 500), [0], 'fast retransmit of s0');
      p.until(() => sock.stats[0] > 0, 10000, 'a timeout');
      assert.equal(sock.stats[2], 0, 'no loss probe (no RTT known)');
      // Everything arrives at last, and s0 is reported received twice.
      ack(u32(base + 3000));
      ack(u32(base + 3000), [seg(0)]);
      assert.equal(sock.stats[3], 0, 'no undo');
    });
  });
}
