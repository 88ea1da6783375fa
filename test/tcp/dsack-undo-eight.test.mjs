// How many retransmissions a spurious SACK recovery can have and still be undone by D-SACK
// (src/socket/tcp-sack.ts, RTX_SLOTS): the record of a recovery's retransmissions holds eight, so
// a recovery that retransmitted eight segments, every one later reported received twice (RFC 2883),
// is undone (cwnd back, RFC 3708 / Linux), while one that retransmitted nine is never undone (the
// record closed: it could not tell which were duplicates). Crafted peer (test/tcp/peer.mjs
// sackSender with sixteen 500-byte segments s0..s15 in flight), both builds. The first `lost`
// segments are delayed, not lost: the peer SACKs the rest one by one (seven or eight duplicate
// ACKs, enough for every delayed segment to be sent again), then acknowledges the whole flight
// (the retransmissions came first), then reports the late originals as duplicates in one block.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { sackSender } from './peer.mjs';

const u32 = (x) => x >>> 0;
const STAT = { timeouts: 0, fastRetransmits: 1, undos: 3 };

for (const { name, lib } of builds) {
  describe(name + ': TCP D-SACK undo of a recovery with many retransmissions', () => {
    for (const [lost, undone] of [[8, true], [9, false]]) {
      test(lost + ' segments retransmitted in one recovery, all reported received twice: ' + (undone ? 'undone' : 'not undone'), () => {
        const c = sackSender(lib, { more: 8000, sockOpts: { txBytes: 16384 } });
        const { at } = c;
        const cwnd = c.sock.cwnd;
        const data = () => c.p.out().filter((s) => s.data.length).map((s) => [u32(s.seq - c.base) / 500, s.data.length]);
        // s0..s(lost-1) delayed; the others arrive one by one and are SACKed.
        c.p.now += 20;
        const rtx = [];
        for (let k = lost; k < 16; k++) {
          c.ack(c.base, [[at(lost), at(k + 1)]]);
          rtx.push(...data());
        }
        assert.equal(c.sock.stats[STAT.fastRetransmits], 1, 'one recovery');
        assert.deepEqual(rtx, Array.from({ length: lost }, (_, k) => [k, 500]), 'each delayed segment sent again, once');
        assert.ok(c.sock.cwnd < cwnd, 'cwnd reduced');
        // 25 ms on (more than the 20 ms RTT: no undo by timing) the retransmissions have filled
        // every hole: the whole flight is acknowledged and the recovery is over.
        c.p.now += 25;
        c.ack(at(16));
        assert.equal(c.sock.sendQueue(), 0, 'all acknowledged');
        assert.equal(c.sock.stats[STAT.undos], 0, 'no undo by timing');
        const reduced = c.sock.cwnd;
        assert.ok(reduced < cwnd);
        // The late originals arrive: the peer reports s0..s(lost-1) received twice.
        c.ack(at(16), [[at(0), at(lost)]]);
        if (undone) {
          assert.equal(c.sock.stats[STAT.undos], 1, 'every retransmission was a duplicate: undone');
          assert.ok(c.sock.cwnd >= cwnd, 'cwnd back: ' + c.sock.cwnd + ' >= ' + cwnd);
        } else {
          assert.equal(c.sock.stats[STAT.undos], 0, 'more retransmissions than the record holds: never undone');
          assert.equal(c.sock.cwnd, reduced, 'cwnd stays reduced');
        }
        assert.equal(c.sock.stats[STAT.timeouts], 0);
      });
    }
  });
}
