// TCP data flow against a crafted-segment peer (test/tcp/peer.mjs): sequence numbers wrapping
// under loss and reordering in both directions, window scaling with asymmetric buffers (64 KB and
// more on one side, a peer's shift of 7), and which mechanism repairs a loss, and how fast: a single
// loss and two losses in one window are repaired by fast retransmit / NewReno well before the
// retransmission timeout. Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer, recvAll, sackSender as sackSenderOf } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP data flow against a crafted peer', () => {
    const F = lib.wire.TCP_FLAGS;
    const ST = lib.socket.TCP_STATES;
    const state = (s) => ST[s.state];
    const sackSender = () => sackSenderOf(lib);

    test('receiving across the sequence wrap, segments reordered and one lost then resent: every byte in order', () => {
      const p = craftedPeer(lib);
      const irs = 2 ** 32 - 2601; // the data's sequence numbers cross 2^32 in segment 5
      const c = p.accept({ irs, sockOpts: { rxBytes: 8192, ackDelay: 0 } });
      const d = pattern(6000, 11);
      const seg = (i) => ({ seq: u32(c.rcv + i * 500), ack: c.snd, flags: F.Ack, data: d.subarray(i * 500, i * 500 + 500) });
      // 12 segments of 500 bytes; 7 is lost on its first try; the others come in pairs swapped.
      const order = [1, 0, 3, 2, 5, 4, 6, 8, 9, 10, 11, 7];
      const acks = [];
      for (const i of order) {
        p.send(seg(i));
        for (const s of p.out()) acks.push(s.ack);
      }
      const end = u32(c.rcv + 6000);
      assert.equal(acks[acks.length - 1], end, 'everything acknowledged across the wrap');
      // Every ACK lies between the start and the end (no jump past data we do not have).
      for (const a of acks) assert.ok(u32(a - c.rcv) <= 6000, 'ACK ' + a + ' within the data');
      assert.deepEqual(recvAll(c.sock), d);
      assert.equal(state(c.sock), 'Established');
    });

    test('sending across the sequence wrap with a lost segment: repaired, byte-exact, before the retransmission timeout', () => {
      const p = craftedPeer(lib);
      const iss = 2 ** 32 - 3000;
      const c = p.connect({ iss, mss: 500, sockOpts: { txBytes: 16384, initialRto: 3000, minRto: 1000 } });
      assert.equal(c.snd, u32(iss + 1));
      const d = pattern(12000, 12);
      let queued = c.sock.send(d, 0, d.length);
      assert.equal(queued, 12000);
      p.poll();
      let lost = 0;
      const r = p.receive({
        base: c.snd, total: 12000, rcv: c.rcv, sport: c.port,
        drop: (s, off) => off === 5000 && lost++ === 0, // the segment that crosses 2^32 + 2000 once
      });
      assert.deepEqual(r.got, d);
      assert.equal(lost, 2, 'the lost segment was sent again');
      // The peer answers at once: a repair by a timer would take at least minRto of virtual time.
      assert.ok(r.ms < 1000, 'repaired by fast retransmit, not by the RTO (' + r.ms + ' ms)');
    });

    test('two losses in one window: NewReno repairs the second at the partial ACK, before the RTO', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 1000, sockOpts: { txBytes: 65536, initialRto: 3000, minRto: 1000 } });
      const d = pattern(60000, 13);
      assert.equal(c.sock.send(d, 0, d.length), 60000);
      p.poll();
      // First a clean stretch (the congestion window grows), then two segments of one window lost,
      // the second with too few segments after it for three duplicate ACKs of its own.
      const losses = { 30000: 1, 36000: 1 };
      const tries = {};
      const r = p.receive({
        base: c.snd, total: 60000, rcv: c.rcv, sport: c.port,
        drop: (s, off) => { tries[off] = (tries[off] || 0) + 1; return losses[off] === 1 && tries[off] === 1; },
      });
      assert.deepEqual(r.got, d);
      assert.equal(tries[30000], 2);
      assert.equal(tries[36000], 2);
      assert.ok(r.ms < 1000, 'both repaired before any timer (' + r.ms + ' ms)');
    });

    test('a lost segment with nothing after it is repaired by the retransmission timeout', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 1000, sockOpts: { initialRto: 1000 } });
      const d = pattern(800, 14);
      assert.equal(c.sock.send(d, 0, d.length), 800);
      p.poll();
      let tries = 0;
      const r = p.receive({ base: c.snd, total: 800, rcv: c.rcv, sport: c.port, drop: () => tries++ === 0 });
      assert.deepEqual(r.got, d);
      assert.ok(r.ms >= 1000 && r.ms < 5000, 'resent at the RTO (' + r.ms + ' ms)');
    });

    test("the peer's window scale (7): a SYN-ACK's window is not scaled, later windows are", () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 1000, window: 1500, wscale: 7, sockOpts: { txBytes: 65536 } });
      const d = pattern(40000, 15);
      c.sock.send(d, 0, d.length);
      p.poll();
      const first = p.out().filter((s) => s.data.length);
      const flight = first.reduce((a, s) => a + s.data.length, 0);
      assert.ok(flight > 0 && flight <= 1500, 'the SYN-ACK window of 1500 bytes is not scaled: ' + flight);
      // An ACK with window field 24: 24 << 7 = 3072 bytes.
      p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + flight), flags: F.Ack, window: 24 });
      const more = p.out().filter((s) => s.data.length);
      const flight2 = more.reduce((a, s) => a + s.data.length, 0);
      assert.ok(flight2 >= 2000 && flight2 <= 3072, 'window 24 scaled by 2^7 = 3072 bytes: sent ' + flight2);
      // Then a large window: the whole congestion window may fly, beyond 64 KB of window.
      const r = p.receive({ base: c.snd, total: 40000, rcv: c.rcv, sport: c.port, window: 1024, start: flight });
      assert.deepEqual(r.got.subarray(flight), d.subarray(flight));
      assert.ok(r.ms < 60000);
    });

    test('our 128 KB receive ring: window scale offered, more than 64 KB taken unread, the window never promises more than the ring holds', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ wscale: 2, sockOpts: { rxBytes: 131072, ackDelay: 0 } });
      const shift = c.synAck.wscale;
      assert.ok(shift >= 1, 'a 128 KB ring needs a shift: ' + shift);
      assert.ok(c.synAck.window <= 65535);
      const d = pattern(100000, 16);
      let edge = 0;
      for (let off = 0; off < 100000; off += 1000) {
        p.send({ seq: u32(c.rcv + off), ack: c.snd, flags: F.Ack, data: d.subarray(off, off + 1000) });
        for (const a of p.out()) {
          const free = 131072 - u32(a.ack - c.rcv);
          const right = u32(a.ack - c.rcv) + a.window * 2 ** shift;
          assert.ok(a.window * 2 ** shift <= free, 'window ' + a.window + ' << ' + shift + ' within the free ' + free);
          assert.ok(right >= edge, 'the right edge never moves left');
          edge = right;
        }
      }
      assert.equal(c.sock.rx.length, 100000, 'more than 64 KB held unread');
      assert.deepEqual(recvAll(c.sock), d);
      p.poll();
      const upd = p.out();
      assert.ok(upd.length >= 1, 'a window update once the ring was read');
      assert.ok(upd[upd.length - 1].window * 2 ** shift > 65535, 'the reopened window exceeds 64 KB');
    });

    test('a peer without window scaling: no scale option in our SYN-ACK and no scaled windows, even with a 128 KB ring', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ sockOpts: { rxBytes: 131072, ackDelay: 0 } });
      assert.equal(c.synAck.wscale, -1);
      p.send({ seq: c.rcv, ack: c.snd, flags: F.Ack, data: pattern(1000, 1) });
      const a = p.out().pop();
      assert.equal(a.window, 65535, 'the unscaled window is capped at 65535');
    });
    test('fast retransmit comes with the third duplicate ACK, not before (RFC 5681 3.2)', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 500, sockOpts: { initialRto: 3000, minRto: 1000, txBytes: 8192 } });
      // Grow the congestion window first: 4000 bytes acknowledged one segment at a time.
      c.sock.send(pattern(4000, 1), 0, 4000);
      p.poll();
      const r = p.receive({ base: c.snd, total: 4000, rcv: c.rcv, sport: c.port });
      assert.deepEqual(r.got, pattern(4000, 1));
      const base = u32(c.snd + 4000);
      c.sock.send(pattern(3000, 2), 0, 3000);
      p.poll();
      const flight = p.out().filter((s) => s.data.length);
      assert.ok(flight.length >= 4, 'several segments in flight: ' + flight.length);
      assert.equal(flight[0].seq, base);
      // The first is lost; each later one brings a duplicate ACK.
      for (let k = 1; k <= 3; k++) {
        p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: base, flags: F.Ack });
        const resent = p.out().filter((s) => s.seq === base && s.data.length);
        if (k < 3) assert.equal(resent.length, 0, 'no retransmission after ' + k + ' duplicate ACKs');
        else assert.equal(resent.length, 1, 'the retransmission after the third');
      }
    });

    test('with SACK, an ACK that SACKs new data is a duplicate though its window grows; one with no new SACK and another window is not (RFC 6675 2)', () => {
      const { p, sock, base, port, rcv } = sackSender();
      assert.equal(sock.sackOk, true, 'SACK agreed');
      // The first segment is lost. The peer's window grows on every ACK, as Linux's does while
      // its receive buffer autotunes; one ACK repeats the blocks (no new SACK) with another window.
      const dup = (k, window) => {
        p.send({ sport: 80, dport: port, seq: rcv, ack: base, flags: F.Ack, window, sackBlocks: [[base + 500, base + 500 * (k + 1)]] });
        return p.out().filter((s) => s.seq === base && s.data.length).length;
      };
      assert.equal(dup(1, 60000), 0, 'one duplicate');
      assert.equal(dup(1, 60500), 0, 'the same blocks again with another window: no new SACK, not a duplicate');
      assert.equal(dup(2, 61000), 0, 'two duplicates');
      assert.equal(dup(3, 62000), 1, 'the third duplicate, its window larger, starts fast retransmit');
      assert.equal(sock.stats[1], 1, 'one fast retransmit');
    });

    test('with SACK, more than two segments SACKed above the first starts fast retransmit at the first duplicate (RFC 6675 5)', () => {
      const c = sackSender();
      c.p.now += 20;
      c.ack(c.base, [[c.base + 500, c.base + 2000]]);
      assert.equal(c.p.out().filter((s) => s.seq === c.base && s.data.length).length, 1, 'the first segment again at once');
    });

    for (const [when, ms, undone] of [['sooner than the RTT: it answers the original, the recovery is undone', 2, true], ['a round trip later: the recovery stands', 20, false]]) {
      test('an ACK covering a fast retransmission ' + when + ' (RFC 4015 response)', () => {
        const c = sackSender();
        const before = c.sock.cwnd;
        c.p.now += 20;
        for (let k = 1; k <= 3; k++) c.ack(c.base, [[c.base + 500, c.base + 500 * (k + 1)]]);
        assert.equal(c.p.out().filter((s) => s.seq === c.base && s.data.length).length, 1, 'fast retransmit');
        assert.ok(c.sock.cwnd < before, 'cwnd reduced');
        c.p.now += ms;
        c.ack(u32(c.base + 3000));
        assert.equal(c.sock.stats[3], undone ? 1 : 0, 'undos');
        if (undone) assert.ok(c.sock.cwnd >= before, 'cwnd as before the recovery: ' + c.sock.cwnd + ' >= ' + before);
        else assert.ok(c.sock.cwnd < before, 'cwnd stays reduced');
      });
    }

    test('a segment with FIN is not a duplicate ACK (RFC 5681 2): three plain ones are needed after it', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 500, sockOpts: { initialRto: 3000, minRto: 1000, txBytes: 8192 } });
      c.sock.send(pattern(4000, 1), 0, 4000);
      p.poll();
      p.receive({ base: c.snd, total: 4000, rcv: c.rcv, sport: c.port });
      const base = u32(c.snd + 4000);
      c.sock.send(pattern(3000, 2), 0, 3000);
      p.poll();
      assert.ok(p.out().filter((s) => s.data.length).length >= 4);
      p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: base, flags: F.Ack | F.Fin });
      p.out();
      for (let k = 1; k <= 3; k++) {
        p.send({ sport: 80, dport: c.port, seq: u32(c.rcv + 1), ack: base, flags: F.Ack });
        const resent = p.out().filter((s) => s.seq === base && s.data.length);
        if (k < 3) assert.equal(resent.length, 0, 'no retransmission after the FIN and ' + k + ' duplicate ACKs');
        else assert.equal(resent.length, 1, 'the retransmission after the third plain one');
      }
    });

    test('old data retransmitted with a new FIN: the FIN is taken, the data not again', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ sockOpts: { ackDelay: 0 } });
      const d = pattern(30, 3);
      p.send({ seq: c.rcv, ack: c.snd, flags: F.Ack, data: d });
      p.out();
      p.send({ seq: c.rcv + 20, ack: c.snd, flags: F.Ack | F.Fin, data: d.subarray(20) });
      const a = p.out().pop();
      assert.equal(a.ack, u32(c.rcv + 31), 'the FIN after the data is acknowledged');
      assert.equal(state(c.sock), 'CloseWait');
      assert.deepEqual(recvAll(c.sock), d, 'the 10 old bytes are not delivered twice');
    });

    test('delayed ACK: one full segment waits (at most the delay), the second full segment is acknowledged at once', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ mss: 1000, sockOpts: { ackDelay: 200, rxBytes: 8192 } });
      const t0 = p.now;
      p.send({ seq: c.rcv, ack: c.snd, flags: F.Ack, data: pattern(1000, 1) });
      assert.deepEqual(p.out(), [], 'no ACK at once for one segment');
      p.send({ seq: c.rcv + 1000, ack: c.snd, flags: F.Ack, data: pattern(1000, 2) });
      const a = p.out();
      assert.equal(a.length, 1, 'the second full segment is acknowledged at once');
      assert.equal(a[0].ack, u32(c.rcv + 2000));
      assert.equal(p.now, t0);
      p.send({ seq: c.rcv + 2000, ack: c.snd, flags: F.Ack, data: pattern(1000, 3) });
      assert.deepEqual(p.out(), []);
      const late = p.until((s) => s.length > 0, 1000, 'the delayed ACK');
      assert.equal(late[0].ack, u32(c.rcv + 3000));
      assert.ok(p.now - t0 <= 200 && p.now > t0, 'within the delay: ' + (p.now - t0));
    });

    test('a zero window from the start: the persist timer probes it; data flows once it opens', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ window: 0, sockOpts: { initialRto: 500 } });
      const d = pattern(300, 4);
      c.sock.send(d, 0, 300);
      p.poll();
      assert.deepEqual(p.out().filter((s) => s.data.length), [], 'nothing into a zero window');
      const probes = p.until((s) => s.some((x) => x.data.length > 0), 10000, 'a zero-window probe');
      const probe = probes.find((x) => x.data.length > 0);
      assert.equal(probe.seq, c.snd);
      assert.equal(probe.data.length, 1);
      assert.equal(state(c.sock), 'Established');
      const r = p.receive({ base: c.snd, total: 300, rcv: c.rcv, sport: c.port, window: 4000 });
      assert.deepEqual(r.got, d);
    });

    test('the FIN is not held back by Nagle: the last small segment and the FIN go without waiting for an ACK', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 1000 });
      const d = pattern(1500, 5);
      c.sock.send(d, 0, 1500);
      c.sock.close();
      p.poll();
      const segs = p.out();
      const bytes = segs.reduce((a, s) => a + s.data.length, 0);
      assert.equal(bytes, 1500, 'all data sent with one segment unacknowledged');
      assert.equal(segs[segs.length - 1].flags & F.Fin, F.Fin);
      // Without close, Nagle (Minshall's form) holds a small segment while a small one is
      // unacknowledged: the 500-byte tail goes behind the full segment, the next 300 bytes wait.
      const q = craftedPeer(lib);
      const e = q.connect({ mss: 1000 });
      e.sock.send(d, 0, 1500);
      q.poll();
      assert.equal(q.out().reduce((a, s) => a + s.data.length, 0), 1500, 'a full segment outstanding does not hold the tail');
      e.sock.send(d, 0, 300);
      q.poll();
      assert.equal(q.out().reduce((a, s) => a + s.data.length, 0), 0, 'Nagle: 300 bytes wait while the 500-byte segment is unacknowledged');
    });

    test('with keep-alive on, a lost segment is still retransmitted at the RTO, not at the idle time', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ sockOpts: { keepAlive: 60000, initialRto: 1000 } });
      c.sock.send(pattern(100, 6), 0, 100);
      p.poll();
      p.out();
      const t0 = p.now;
      const again = p.until((s) => s.some((x) => x.data.length > 0), 60000, 'the retransmission');
      assert.equal(again.find((x) => x.data.length > 0).seq, c.snd);
      assert.ok(p.now - t0 <= 1000, 'at the RTO: ' + (p.now - t0) + ' ms');
    });
    test('a reordered older ACK does not shrink the send window (RFC 9293 SND.WL1/WL2)', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 500, window: 4000, sockOpts: { txBytes: 16384 } });
      c.sock.send(pattern(8000, 8), 0, 8000);
      p.poll();
      const first = p.out().filter((s) => s.data.length);
      assert.ok(first.length >= 2);
      // The newer ACK (two segments, window 4000), then an older one from before it (window 0).
      p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + 1000), flags: F.Ack, window: 4000 });
      p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + 500), flags: F.Ack, window: 0 });
      p.out();
      assert.ok(c.sock.sndWnd > 0, 'the window stays open: ' + c.sock.sndWnd);
      p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + 2000), flags: F.Ack, window: 4000 });
      assert.ok(p.out().some((s) => s.data.length > 0), 'and data keeps flowing');
    });
  });
}
