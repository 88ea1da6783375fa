// The PSH flag against a crafted peer (test/tcp/peer.mjs): set on the data segment that empties our
// send queue, not on full segments with more data behind them. Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';
import { pattern } from './pair.mjs';

for (const { name, lib } of builds) {
  describe(name + ': TCP PSH against a crafted peer', () => {
    const F = lib.wire.TCP_FLAGS;

    test('PSH marks the segment that empties the send queue, and only that one', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 1000, sockOpts: { txBytes: 8192, nagle: false } });
      const d = pattern(2500, 41);
      assert.equal(c.sock.send(d, 0, d.length), 2500);
      p.poll();
      const segs = p.out().filter((s) => s.data.length);
      assert.deepEqual(segs.map((s) => s.data.length), [1000, 1000, 500]);
      assert.deepEqual(segs.map((s) => (s.flags & F.Psh) !== 0), [false, false, true]);
    });
  });
}
