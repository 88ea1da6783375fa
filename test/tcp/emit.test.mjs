// The header fields of the segments we send, read from the wire against a crafted peer
// (test/tcp/peer.mjs): the acknowledgment number 0 without ACK, the urgent pointer 0, no timestamp
// option on a RST, the SYN-ACK window capped at 65535, and SACK blocks (RFC 2018) only on ACKs
// without data, only once SACK was agreed, the range of the latest segment first. Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP header fields we send', () => {
    const w = lib.wire;
    const F = w.TCP_FLAGS;

    /** The segments sent since the last call, with the fields p.out() leaves out. */
    function raw(p) {
      return p.out().map((x) => ({ flags: x.flags, seq: x.seq, ack: x.ack, urgent: x.urgent, ts: x.ts !== null, blocks: x.blocks, len: x.data.length, window: x.window }));
    }

    test('a SYN, even on a socket used before, carries acknowledgment number 0; every segment an urgent pointer of 0', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ irs: 777777 });
      c.sock.abort();
      raw(p);
      c.sock.connect(p.peer, 80);
      p.poll();
      const syn = raw(p).find((s) => s.flags === F.Syn);
      assert.equal(syn.ack, 0);
      assert.equal(syn.urgent, 0);
      p.send({ sport: 80, dport: c.port, seq: 5000, ack: u32(syn.seq + 1), flags: F.Syn | F.Ack });
      c.sock.send(pattern(10, 1), 0, 10);
      p.poll();
      const segs = raw(p);
      assert.ok(segs.length >= 1);
      for (const s of segs) assert.equal(s.urgent, 0);
    });

    test('with timestamps agreed, every segment carries the option except the RST', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ tsVal: 100 });
      c.sock.send(pattern(10, 2), 0, 10);
      p.poll();
      const data = raw(p);
      assert.ok(data.length >= 1 && data.every((s) => s.ts), 'data with timestamps');
      c.sock.abort();
      const rst = raw(p);
      assert.equal(rst.length, 1);
      assert.equal(rst[0].flags & F.Rst, F.Rst);
      assert.equal(rst[0].ts, false);
    });

    test('a 128 KB ring: the SYN-ACK window is 65535 (a SYN\'s window is never scaled)', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ wscale: 2, sockOpts: { rxBytes: 131072 } });
      assert.equal(c.synAck.window, 65535);
    });

    // Our socket holding an out-of-order segment from a peer that did (or did not) agree to SACK.
    function holding(sack) {
      const p = craftedPeer(lib);
      const sock = p.socket({ ackDelay: 0, rxBytes: 8192 });
      sock.listen(80);
      p.send({ seq: 1000, flags: F.Syn, mss: 1000, sack });
      const synAck = raw(p).find((s) => s.flags === (F.Syn | F.Ack));
      const snd = u32(synAck.seq + 1);
      p.send({ seq: 1001, ack: snd, flags: F.Ack });
      raw(p);
      p.send({ seq: 1501, ack: snd, flags: F.Ack, data: pattern(200, 3) });
      p.send({ seq: 2001, ack: snd, flags: F.Ack, data: pattern(200, 4) });
      return { p, sock, snd, dups: raw(p) };
    }

    test('SACK agreed: duplicate ACKs carry the held ranges, the latest one first', () => {
      const { dups } = holding(true);
      assert.equal(dups.length, 2);
      assert.deepEqual(dups[0].blocks, [[1501, 1701]]);
      assert.deepEqual(dups[1].blocks, [[2001, 2201], [1501, 1701]]);
    });

    test('SACK not agreed: duplicate ACKs carry no SACK blocks', () => {
      const { dups } = holding(false);
      assert.equal(dups.length, 2);
      for (const d of dups) assert.deepEqual(d.blocks, []);
    });

    test('SACK agreed: a data segment sent while ranges are held carries no SACK blocks', () => {
      const { p, sock } = holding(true);
      assert.equal(sock.send(pattern(300, 5), 0, 300), 300);
      p.poll();
      const data = raw(p).filter((s) => s.len > 0);
      assert.equal(data.length, 1);
      assert.equal(data[0].ack, 1001);
      assert.deepEqual(data[0].blocks, []);
    });
  });
}
