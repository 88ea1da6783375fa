// Which SACK blocks the sender records (TcpSocket.onSack) against a crafted peer
// (test/tcp/peer.mjs): a block ending past what was sent, an empty or reversed block and a block
// at or below the cumulative ACK are ignored (bogus, or a D-SACK), so three ACKs carrying only such
// blocks, each with another window, are no duplicates and start no fast retransmit. A block
// reaching a byte past the highest one sent is refused, one ending exactly at it kept. Both builds.
// The sender has six 500-byte segments s0..s5 in flight after 4000 bytes acknowledged.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { sackSender } from './peer.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP SACK blocks the sender records', () => {
    const F = lib.wire.TCP_FLAGS;
    const at = (c, k) => u32(c.base + 500 * k);
    const sent = (c) => c.p.out().filter((s) => s.data.length).map((s) => u32(s.seq - c.base) / 500);
    /** Three ACKs at sndUna, windows 60000, 59000, 58000, each carrying blocks(i). */
    function three(c, blocks) {
      for (let i = 0; i < 3; i++) {
        c.p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: c.base, flags: F.Ack, window: 60000 - 1000 * i, sackBlocks: blocks(i) });
      }
    }

    for (const [what, blocks] of [
      ['ending one byte past what was sent', (c, i) => [[at(c, 1 + i), u32(at(c, 6) + 1)]]],
      ['empty (left = right)', (c, i) => [[at(c, 2 + i), at(c, 2 + i)]]],
      ['reversed (left > right)', (c, i) => [[at(c, 3 + i), at(c, 1 + i)]]],
      ['at or below the cumulative ACK', (c, i) => [[u32(c.base - 500 * (i + 1)), c.base]]],
    ]) {
      test('blocks ' + what + ' are ignored: no duplicates, no fast retransmit', () => {
        const c = sackSender(lib);
        three(c, (i) => blocks(c, i));
        assert.equal(c.sock.stats[1], 0, 'no fast retransmit');
        assert.deepEqual(sent(c), []);
      });
    }

    test('blocks ending exactly at the highest byte sent count: fast retransmit of s0', () => {
      const c = sackSender(lib);
      three(c, (i) => [[at(c, 3 - i), at(c, 6)]]);
      assert.equal(c.sock.stats[1], 1, 'fast retransmit');
      assert.equal(sent(c)[0], 0, 's0 first');
    });

    test('each block of an ACK is read as its own range: s1 and s4 SACKed are two segments, not four', () => {
      const c = sackSender(lib);
      c.p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: c.base, flags: F.Ack, sackBlocks: [[at(c, 1), at(c, 2)], [at(c, 4), at(c, 5)]] });
      assert.equal(c.sock.stats[1], 0, 'two segments SACKed above s0: not yet lost (more than two needed)');
      c.p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: c.base, flags: F.Ack, sackBlocks: [[at(c, 4), at(c, 5)], [at(c, 1), at(c, 2)], [at(c, 3), at(c, 4)]] });
      assert.equal(c.sock.stats[1], 1, 'a third segment SACKed: s0 lost');
    });

    test('the blocks of an earlier ACK are not read again', () => {
      const c = sackSender(lib);
      // s1 SACKed, and a block past what was sent (ignored).
      c.p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: c.base, flags: F.Ack, sackBlocks: [[at(c, 1), at(c, 2)], [at(c, 7), at(c, 9)]] });
      c.sock.send(new Uint8Array(1500), 0, 1500);
      c.p.poll();
      assert.deepEqual(sent(c), [6, 7, 8], 'three new segments');
      // One block: s1-s2. Only two segments SACKed: no loss yet.
      c.p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: c.base, flags: F.Ack, sackBlocks: [[at(c, 1), at(c, 3)]] });
      assert.equal(c.sock.stats[1], 0, 'no fast retransmit');
    });

    test('three blocks: the second ends where it ends, not where the third does', () => {
      const c = sackSender(lib);
      const part = (k) => [at(c, k), u32(at(c, k) + 100)];
      // 100 bytes of s1, 100 of s2, and s5: 700 bytes SACKed, not more than two segments.
      c.p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: c.base, flags: F.Ack, sackBlocks: [part(1), part(2), [at(c, 5), at(c, 6)]] });
      assert.equal(c.sock.stats[1], 0, 'no fast retransmit');
    });
  });
}
