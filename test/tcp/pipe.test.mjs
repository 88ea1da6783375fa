// The pipe in SACK recovery (RFC 6675: bytes in flight not SACKed and not taken as lost, plus
// those retransmitted) bounds what goes: exactly cwnd - pipe of new data, whole segments, against
// a crafted peer (test/tcp/peer.mjs). Both builds. The sender has 4000 bytes acknowledged (cwnd
// grown to 8000), then six 500-byte segments s0..s5 in flight; the recovery's cwnd is 0.7 x 8000.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { sackSender } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP pipe in SACK recovery', () => {
    const F = lib.wire.TCP_FLAGS;
    const seg = (c, k) => [u32(c.base + 500 * k), u32(c.base + 500 * (k + 1))];
    const span = (c, a, b) => [seg(c, a)[0], seg(c, b - 1)[1]];
    const sent = (c) => c.p.out().filter((s) => s.data.length).map((s) => u32(s.seq - c.base) / 500);
    const more = (c) => {
      c.sock.send(pattern(6000, 13), 0, 6000);
      c.p.poll();
      return sent(c);
    };

    test('duplicates without SACK blocks: the retransmission is not counted twice', () => {
      const c = sackSender(lib);
      for (let i = 0; i < 3; i++) c.p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: c.base, flags: F.Ack });
      assert.deepEqual(sent(c), [0], 'fast retransmit of s0');
      assert.equal(c.sock.cwnd, 5600);
      // pipe = 3000 (s0..s5, s0's retransmission among them): five new segments fit in 5600.
      assert.deepEqual(more(c), [6, 7, 8, 9, 10]);
    });

    test('s0 and s2 retransmitted, s1 s3 s4 SACKed: pipe 1500', () => {
      const c = sackSender(lib);
      c.p.now += 20;
      for (const b of [[seg(c, 1)], [seg(c, 3), seg(c, 1)], [span(c, 3, 5), seg(c, 1)]]) c.ack(c.base, b);
      assert.deepEqual(sent(c), [0, 2]);
      // s5 (not SACKed) + s0 and s2 retransmitted = 1500: eight new segments fit in 5600.
      assert.deepEqual(more(c), [6, 7, 8, 9, 10, 11, 12, 13]);
    });

    test('s0 retransmitted, s1 s3 s4 SACKed: the hole at s2 is not lost yet (two segments above it) and counts: pipe 1500', () => {
      const c = sackSender(lib);
      c.p.now += 20;
      for (const b of [[seg(c, 1)], [seg(c, 3), seg(c, 1)]]) c.ack(c.base, b);
      assert.deepEqual(sent(c), [], 'nothing to send yet');
      // New data queued (so NextSeg takes new data before a hole that is not lost), then the third
      // duplicate: s0 is lost (three segments SACKed above it), s2 not (two).
      c.sock.send(pattern(6000, 13), 0, 6000);
      c.ack(c.base, [span(c, 3, 5), seg(c, 1)]);
      // s5 + s0's retransmission + s2 (perhaps only reordered) = 1500: eight new segments fit in
      // 5600, not nine.
      assert.deepEqual(sent(c), [0, 6, 7, 8, 9, 10, 11, 12, 13]);
    });

    test('a hole shorter than a segment is sent again as just the hole', () => {
      const c = sackSender(lib);
      c.p.now += 20;
      // s0 missing and the first half of s2: the peer holds s1 and from the middle of s2 to s5.
      const mid = u32(c.base + 1250);
      for (const b of [[seg(c, 1)], [[mid, seg(c, 3)[1]], seg(c, 1)], [[mid, seg(c, 5)[1]], seg(c, 1)]]) c.ack(c.base, b);
      const out = c.p.out().filter((x) => x.data.length).map((x) => [u32(x.seq - c.base), x.data.length]);
      assert.deepEqual(out, [[0, 500], [1000, 250]], 's0, then the 250 bytes of the hole in s2');
    });
  });
}
