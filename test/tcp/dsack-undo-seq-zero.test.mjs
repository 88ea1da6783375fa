// A spurious fast recovery whose retransmission lies at sequence number 0 is undone by its D-SACK,
// as one anywhere else is (RFC 2883, RFC 3708; src/socket/tcp-sack.ts). The record of a recovery's
// retransmissions is an array of sequence numbers that starts zeroed; a recovery must start with
// an empty record (no slot counted, no slot crossed off), or a retransmission at 0 would look like a
// second copy of a recorded one, which closes the record, and its D-SACK would undo nothing.
// Sequence 0 is an ordinary value of the 32-bit space (every connection passes it once in 4 GB).
// Crafted peer (test/tcp/peer.mjs sackSender with our ISN chosen so that the flight starts at 0),
// both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { sackSender } from './peer.mjs';

const u32 = (x) => x >>> 0;
const STAT = { fastRetransmits: 1, undos: 3 };

for (const { name, lib } of builds) {
  describe(name + ': TCP D-SACK undo of a retransmission at sequence number 0', () => {
    const seg = (c, k) => [u32(c.base + 500 * k), u32(c.base + 500 * (k + 1))];
    const span = (c, a, b) => [seg(c, a)[0], seg(c, b - 1)[1]];
    const sent = (c) => c.p.out().filter((s) => s.data.length).map((s) => [s.seq, s.data.length]);

    for (const [what, iss] of [['at sequence number 0', u32(-6001)], ['at 500 (control)', u32(-5501)]]) {
      test('the fast retransmission ' + what + ', reported received twice after the recovery, undoes it', () => {
        // sackSender's flight starts 6001 bytes after our ISN (the SYN and 6000 bytes acknowledged).
        const c = sackSender(lib, { iss });
        assert.equal(c.base, u32(iss + 6001));
        const cwnd = c.sock.cwnd;
        // s0 "lost": three duplicates SACK s1, s1-s2, s1-s4; the third starts fast retransmit.
        c.p.now += 20;
        c.ack(c.base, [seg(c, 1)]);
        c.ack(c.base, [span(c, 1, 3)]);
        c.ack(c.base, [span(c, 1, 5)]);
        assert.equal(c.sock.stats[STAT.fastRetransmits], 1);
        assert.deepEqual(sent(c), [[c.base, 500]], 'the retransmission of s0');
        assert.ok(c.sock.cwnd < cwnd, 'cwnd reduced');
        // The original s0 arrives 25 ms later (more than the RTT: no undo by timing) and the ACK
        // of the whole flight ends the recovery; then the retransmitted copy arrives and the peer
        // reports it received twice (D-SACK below the cumulative ACK).
        c.p.now += 25;
        c.ack(u32(c.base + 3000));
        assert.equal(c.sock.sendQueue(), 0, 'all acknowledged');
        assert.equal(c.sock.stats[STAT.undos], 0, 'no undo by timing');
        const reduced = c.sock.cwnd;
        assert.ok(reduced < cwnd, 'the recovery ended with cwnd reduced');
        c.ack(u32(c.base + 3000), [seg(c, 0)]);
        assert.equal(c.sock.stats[STAT.undos], 1, 'its only retransmission was a duplicate: undone');
        assert.ok(c.sock.cwnd >= cwnd, 'cwnd back to its value before the recovery: ' + c.sock.cwnd + ' >= ' + cwnd);
      });
    }
  });
}
