// The receive path on the full path (header prediction off: TcpSocket.onData) against a crafted
// peer (test/tcp/peer.mjs): a segment overlapping what we hold by one byte gives its new bytes; a
// FIN whose data exactly fills the receive ring is taken; an out-of-order segment reaching past the
// ring keeps only what fits. Both builds.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer, recvAll, refuseFrames } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP receive path (full path)', () => {
    const F = lib.wire.TCP_FLAGS;
    before(() => lib.socket.setTcpShortcuts(false));
    after(() => lib.socket.setTcpShortcuts(true));

    function open(sockOpts = {}) {
      const p = craftedPeer(lib);
      const c = p.accept({ mss: 1000, sockOpts: { ackDelay: 0, ...sockOpts } });
      c.p = p;
      c.seg = (off, data, o = {}) => p.send({ seq: u32(c.rcv + off), ack: c.snd, flags: F.Ack, data, ...o });
      return c;
    }

    test('a segment that overlaps what we hold by one byte gives its new bytes', () => {
      const c = open();
      const d = pattern(200, 61);
      c.seg(0, d.slice(0, 100));
      c.seg(99, d.slice(99, 200));
      assert.deepEqual(recvAll(c.sock), d);
    });

    test('a FIN whose data exactly fills the receive ring is taken', () => {
      const c = open({ rxBytes: 1024 });
      const d = pattern(1024, 62);
      c.seg(0, d.slice(0, 1000));
      c.seg(1000, d.slice(1000), { flags: F.Ack | F.Fin });
      assert.equal(lib.socket.TCP_STATES[c.sock.state], 'CloseWait', 'the FIN taken');
      assert.deepEqual(recvAll(c.sock), d);
    });

    test('an out-of-order segment reaching past the ring keeps what fits', () => {
      const c = open({ rxBytes: 1024 });
      const d = pattern(1200, 63);
      c.seg(500, d.slice(500, 1100)); // 76 bytes past the ring's end
      c.seg(0, d.slice(0, 500));
      assert.deepEqual(recvAll(c.sock), d.slice(0, 1024), 'the first 1024 bytes, no more');
    });

    test('a duplicate ACK the device refuses is sent again in the same poll', () => {
      const c = open();
      refuseFrames(c.p, 1);
      c.seg(100, pattern(50, 71));
      const acks = c.p.out();
      assert.equal(acks.length, 1, 'the ACK owed still goes');
      assert.equal(acks[0].ack, c.rcv);
    });

    test('a one-byte segment in order is taken', () => {
      const c = open();
      c.seg(0, Uint8Array.of(42));
      assert.deepEqual(recvAll(c.sock), Uint8Array.of(42));
    });

    test('a held out-of-order byte right after the gap is taken when the gap fills', () => {
      const c = open();
      const d = pattern(101, 64);
      c.seg(100, d.slice(100));
      c.seg(0, d.slice(0, 100));
      assert.deepEqual(recvAll(c.sock), d);
    });

    test('held ranges that new in-order data covers entirely are dropped: the FIN after them is taken', () => {
      const c = open();
      const d = pattern(300, 65);
      c.seg(100, d.slice(100, 150));
      c.seg(200, d.slice(200, 250));
      c.seg(0, d);
      c.seg(300, new Uint8Array(0), { flags: F.Ack | F.Fin });
      assert.equal(lib.socket.TCP_STATES[c.sock.state], 'CloseWait', 'the FIN taken: nothing held out of order');
      assert.deepEqual(recvAll(c.sock), d);
    });

    test('with a delayed ACK, in-order data that leaves a gap open is acknowledged at once', () => {
      const c = open({ ackDelay: 40 });
      const d = pattern(300, 66);
      c.seg(200, d.slice(200));
      c.p.out();
      c.seg(0, d.slice(0, 100));
      const acks = c.p.out().filter((x) => x.ack === u32(c.rcv + 100));
      assert.equal(acks.length, 1, 'the ACK goes in the same poll');
    });

    test('delayed ACK: one full segment waits for the delay, the second is acknowledged at once', () => {
      const c = open({ ackDelay: 40 });
      const d = pattern(2000, 67);
      c.seg(0, d.slice(0, 1000));
      assert.deepEqual(c.p.out(), [], 'no ACK yet for one full segment');
      c.seg(1000, d.slice(1000));
      const acks = c.p.out();
      assert.equal(acks.length, 1, 'the second full segment: an ACK at once');
      assert.equal(acks[0].ack, u32(c.rcv + 2000));
    });

    test('an ACK delay of 1 ms delays the ACK by 1 ms', () => {
      const c = open({ ackDelay: 1 });
      c.seg(0, pattern(10, 68));
      assert.deepEqual(c.p.out(), [], 'not at once');
      const t0 = c.p.now;
      const acks = c.p.until((x) => x.length > 0, 1000, 'the ACK');
      assert.equal(c.p.now - t0, 1);
      assert.equal(acks[0].ack, u32(c.rcv + 10));
    });

    test('the delayed ACK is not pushed back by a second small segment', () => {
      const c = open({ ackDelay: 40 });
      const t0 = c.p.now;
      c.seg(0, pattern(10, 69));
      c.p.now = t0 + 30;
      c.seg(10, pattern(10, 70));
      assert.deepEqual(c.p.out(), []);
      const acks = c.p.until((x) => x.length > 0, 1000, 'the ACK');
      assert.equal(c.p.now - t0, 40, '40 ms after the first');
      assert.equal(acks[0].ack, u32(c.rcv + 20));
    });
  });
}

// Our SACK blocks (RFC 2018 4): the range holding the latest out-of-order segment comes first.
for (const { name, lib } of builds) {
  describe(name + ': TCP SACK blocks we send (full path)', () => {
    const F = lib.wire.TCP_FLAGS;
    before(() => lib.socket.setTcpShortcuts(false));
    after(() => lib.socket.setTcpShortcuts(true));

    /** SACK blocks of the segments sent since the last look (relative to base), one list per segment. */
    function blocksSent(p, base) {
      return p.out().map((x) => x.blocks.map(([l, r]) => [u32(l - base), u32(r - base)]));
    }

    test('the block of the latest out-of-order segment leads', () => {
      const p = craftedPeer(lib);
      const sock = p.socket({ ackDelay: 0 });
      assert.equal(sock.listen(80), 0);
      p.send({ seq: 5000, flags: F.Syn, mss: 1000, sack: true });
      const synAck = p.out().find((s) => s.flags === (F.Syn | F.Ack));
      assert.ok(synAck && synAck.sack, 'SACK-permitted in the SYN-ACK');
      const rcv = 5001, snd = u32(synAck.seq + 1);
      p.send({ seq: rcv, ack: snd, flags: F.Ack });
      p.out();
      const seg = (off, n) => p.send({ seq: rcv + off, ack: snd, flags: F.Ack, data: pattern(n, off) });
      seg(300, 100);
      assert.deepEqual(blocksSent(p, rcv), [[[300, 400]]]);
      seg(100, 100);
      assert.deepEqual(blocksSent(p, rcv), [[[100, 200], [300, 400]]], 'the latest first');
      seg(300, 100); // again: its block leads now
      assert.deepEqual(blocksSent(p, rcv), [[[300, 400], [100, 200]]]);
    });
  });
}
