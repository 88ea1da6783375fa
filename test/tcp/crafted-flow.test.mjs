// TCP data flow against a crafted-segment peer (test/tcp/peer.mjs): sequence numbers wrapping
// under loss and reordering in both directions, window scaling with asymmetric buffers (64 KB and
// more on one side, a peer's shift of 7), and which mechanism repairs a loss, and how fast: a single
// loss and two losses in one window are repaired by fast retransmit / NewReno well before the
// retransmission timeout. Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP data flow against a crafted peer', () => {
    const F = lib.wire.TCP_FLAGS;
    const ST = lib.socket.TCP_STATES;
    const state = (s) => ST[s.state];
    const recvAll = (sock) => {
      const out = [], buf = new Uint8Array(70000);
      for (;;) {
        const n = sock.recv(buf, 0, buf.length);
        if (n <= 0) return Uint8Array.from(out);
        for (let i = 0; i < n; i++) out.push(buf[i]);
      }
    };

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
  });
}
