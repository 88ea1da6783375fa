// The loss probe's proof kept through a plain ACK that stops short of the probe's new data, on
// both receive paths (header prediction on and off, test/tcp/peer.mjs crafted peer): the holes
// above that ACK were still sent before the probe, so a later SACK of the probe shows them lost
// at once, whichever path took the plain ACK. The header-prediction shortcut used to drop the
// proof on any ACK of new data, and the same segments then waited for more duplicates. Both
// builds. The sender (sackSender) has sixteen 500-byte segments s0..s15 in flight, more waiting.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { sackSenderProbed } from './peer.mjs';

const u32 = (x) => x >>> 0;
const STAT = { timeouts: 0, fastRetransmits: 1 };

for (const { name, lib } of builds) for (const predict of [true, false]) {
  describe(name + ': TCP loss probe proof after a plain partial ACK' + (predict ? '' : ' (header prediction off)'), () => {
    before(() => lib.socket.setTcpShortcuts(predict));
    after(() => lib.socket.setTcpShortcuts(true));
    const seg = (c, k) => [u32(c.base + 500 * k), u32(c.base + 500 * (k + 1))];
    const sent = (c) => c.p.out().filter((s) => s.data.length).map((s) => u32(s.seq - c.base) / 500);

    test('a plain ACK short of the probe\'s data, then a SACK of the probe: recovery at once', () => {
      // Sixteen in flight, more data held back by cwnd; the tail loss probe sent s16 (new data).
      const c = sackSenderProbed(lib);
      // s0 arrives late and alone: a plain ACK of it, no SACK blocks (the shortcut's case).
      c.ack(seg(c, 1)[0]);
      const grown = sent(c);
      assert.ok(grown.every((k) => k >= 17), 'only new data after the ACK of s0: ' + grown);
      // s15 and the probe arrive, s1-s14 are lost: two segments SACKed, too few for the
      // duplicate count; the probe's SACK shows s1 lost.
      c.ack(seg(c, 1)[0], [[seg(c, 15)[0], seg(c, 16)[1]]]);
      const out = sent(c);
      assert.equal(c.sock.stats[STAT.fastRetransmits], 1, 'fast recovery at once');
      assert.equal(out[0], 1, 's1 first: ' + out);
      assert.equal(c.sock.stats[STAT.timeouts], 0);
    });
  });
}
