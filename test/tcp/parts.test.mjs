// Unit tests of the pieces TCP is built from: byte ring, out-of-order assembler, RTO estimator,
// RFC 6528 ISN generator; through both bundles.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { builds } from '../helpers/bundles.mjs';

for (const { name, lib } of builds) {
  describe(name + ': TCP parts', () => {
    test('ByteRing: write, peek at an offset, read, wrap', () => {
      const r = new lib.storage.ByteRing(8);
      assert.equal(r.write(Uint8Array.of(1, 2, 3, 4, 5, 6), 0, 6), 6);
      const o = new Uint8Array(8);
      assert.equal(r.peek(2, o, 0, 3), 3);
      assert.deepEqual([...o.subarray(0, 3)], [3, 4, 5]);
      assert.equal(r.read(o, 0, 4), 4);
      assert.equal(r.write(Uint8Array.of(7, 8, 9, 10, 11, 12), 0, 6), 6, 'wraps round the end');
      assert.equal(r.write(Uint8Array.of(13), 0, 1), 0, 'full');
      assert.equal(r.read(o, 0, 8), 8);
      assert.deepEqual([...o], [5, 6, 7, 8, 9, 10, 11, 12]);
    });

    test('ByteRing: data written ahead survives the ring being emptied, then commits in place', () => {
      const r = new lib.storage.ByteRing(16);
      r.write(Uint8Array.of(1, 2, 3), 0, 3);
      assert.equal(r.writeAhead(2, Uint8Array.of(9, 9), 0, 2), 2); // bytes 5..6 of the stream
      const o = new Uint8Array(16);
      assert.equal(r.read(o, 0, 3), 3); // the ring is now empty
      r.write(Uint8Array.of(4, 5), 0, 2); // the gap
      r.commit(2);
      assert.equal(r.read(o, 0, 16), 4);
      assert.deepEqual([...o.subarray(0, 4)], [4, 5, 9, 9]);
    });

    test('ByteRing matches a plain array model under random operations', () => {
      fc.assert(fc.property(fc.array(fc.tuple(fc.boolean(), fc.nat(20)), { maxLength: 100 }), (ops) => {
        const r = new lib.storage.ByteRing(17), model = [];
        let next = 0;
        const o = new Uint8Array(32);
        for (const [w, n] of ops) {
          if (w) {
            const b = new Uint8Array(n).map(() => next++ & 255);
            const k = r.write(b, 0, n);
            assert.equal(k, Math.min(n, 17 - model.length));
            for (let i = 0; i < k; i++) model.push(b[i]);
          } else {
            const k = r.read(o, 0, n);
            assert.deepEqual([...o.subarray(0, k)], model.splice(0, k));
          }
          assert.equal(r.length, model.length);
        }
      }));
    });

    test('Assembler: merges ranges, bounds their number, hands over the contiguous front', () => {
      const a = new lib.socket.Assembler(2);
      assert.equal(a.add(100, 200), true);
      assert.equal(a.add(300, 400), true);
      assert.equal(a.add(500, 600), false, 'a third disjoint range does not fit');
      assert.equal(a.add(200, 300), true, 'fills the gap: one range');
      assert.equal(a.count, 1);
      assert.equal(a.takeFront(50), 0, 'not contiguous yet');
      assert.equal(a.takeFront(150), 250);
      assert.equal(a.count, 0);
    });

    // Against a model of the covered sequence numbers (a small window placed anywhere, the 2^32
    // wrap included): after any mix of add, takeFront and trim, the ranges are sorted, disjoint and
    // not touching, and cover exactly what the model covers; add is refused only when the range
    // touches none and every slot is taken.
    test('Assembler: any sequence of operations matches a model of covered sequence numbers', () => {
      const W = 48;
      const op = fc.oneof(
        fc.record({ k: fc.constant('add'), s: fc.nat(W - 1), n: fc.integer({ min: 1, max: 12 }) }),
        fc.record({ k: fc.constant('front'), s: fc.nat(W - 1) }),
        fc.record({ k: fc.constant('trim'), s: fc.nat(W - 1) }));
      fc.assert(fc.property(fc.integer({ min: 1, max: 5 }), fc.nat(0xffffffff), fc.array(op, { maxLength: 40 }), (max, base, ops) => {
        const a = new lib.socket.Assembler(max);
        const cov = new Array(W).fill(false);
        const seq = (x) => (base + x) >>> 0;
        const runs = (c) => {
          const out = [];
          for (let x = 0; x < W; x++) if (c[x] && (x === 0 || !c[x - 1])) { let y = x; while (y < W && c[y]) y++; out.push([x, y]); }
          return out;
        };
        for (const o of ops) {
          if (o.k === 'add') {
            const e = Math.min(o.s + o.n, W);
            const touches = runs(cov).some(([x, y]) => x <= e && y >= o.s);
            const ok = a.add(seq(o.s), seq(e));
            assert.equal(ok, touches || runs(cov).length < max, 'add [' + o.s + ', ' + e + ') accepted iff it merges or a slot is free');
            if (ok) for (let x = o.s; x < e; x++) cov[x] = true;
          } else if (o.k === 'front') {
            const r = runs(cov);
            const want = r.length && r[0][0] <= o.s ? Math.max(0, r[0][1] - o.s) : 0;
            const took = r.length > 0 && r[0][0] <= o.s;
            assert.equal(a.takeFront(seq(o.s)), want, 'takeFront(' + o.s + ')');
            if (took) for (let x = r[0][0]; x < r[0][1]; x++) cov[x] = false;
          } else {
            a.trim(seq(o.s));
            for (const [x, y] of runs(cov)) if (y <= o.s) for (let z = x; z < y; z++) cov[z] = false;
          }
          const got = [];
          for (let i = 0; i < a.count; i++) got.push([(a.start[i] - base + 2 ** 32) % 2 ** 32, (a.end[i] - base + 2 ** 32) % 2 ** 32]);
          assert.deepEqual(got, runs(cov), 'ranges after ' + JSON.stringify(o));
        }
      }), { numRuns: 300, seed: 12 });
    });

    // The sender's scoreboard: its D-SACK record of one recovery's retransmissions (RFC 2883, RFC
    // 3708), then high, below and hole against a model of SACKed sequence numbers.
    test('SackBoard: the D-SACK record opens at a recovery, closes on a proof, a repeat or overflow', () => {
      const b = new lib.socket.SackBoard(4);
      assert.equal(b.rtxN, -1, 'closed until a recovery opens it');
      b.retransmitted(100);
      assert.equal(b.rtxN, -1, 'a retransmission outside a recovery is not recorded');
      assert.equal(b.dsack(100, 200), false, 'a D-SACK proves nothing while closed');
      b.rtxN = b.rtxSeen = 0; // as TcpSocket does when a fast recovery starts
      assert.equal(b.dsack(100, 200), false, 'an open record with nothing in it proves nothing');
      b.retransmitted(100);
      b.retransmitted(1000);
      assert.equal(b.rtxN, 2);
      assert.equal(b.dsack(300, 900), false, 'a D-SACK of neither');
      assert.equal(b.dsack(100, 1000), false, 'the first one only: [100, 1000) leaves 1000 out');
      assert.equal(b.rtxN, 2, 'still open');
      assert.equal(b.dsack(1000, 1100), true, 'both reported twice: spurious');
      assert.equal(b.rtxN, -1, 'the proof closes the record');
      assert.equal(b.dsack(1000, 1100), false, 'and proves nothing more');

      b.rtxN = b.rtxSeen = 0;
      b.retransmitted(100);
      b.retransmitted(100);
      assert.equal(b.rtxN, -1, 'one segment sent a third time: the copies cannot be told apart');
      b.retransmitted(200);
      assert.equal(b.rtxN, -1, 'stays closed');
      assert.equal(b.dsack(100, 300), false);

      b.rtxN = b.rtxSeen = 0;
      for (let i = 0; i < 8; i++) b.retransmitted(100 * (i + 1));
      assert.equal(b.rtxN, 8, 'eight fit');
      b.retransmitted(5000);
      assert.equal(b.rtxN, -1, 'a ninth closes the record');
      b.rtxN = b.rtxSeen = 0;
      for (let i = 0; i < 8; i++) b.retransmitted(100 * (i + 1));
      assert.equal(b.dsack(100, 800), false, 'seven of eight');
      assert.equal(b.dsack(800, 801), true, 'the eighth completes it');

      b.rtxN = b.rtxSeen = 0;
      b.retransmitted(100);
      b.add(500, 600);
      b.clear();
      assert.equal(b.count, 0);
      assert.equal(b.rtxN, -1, 'clear (a timeout) closes the record too');
    });

    test('SackBoard: high, below and hole match a model of SACKed sequence numbers', () => {
      const W = 64;
      const range = fc.record({ s: fc.nat(W - 1), n: fc.integer({ min: 1, max: 10 }) });
      fc.assert(fc.property(fc.nat(0xffffffff), fc.array(range, { maxLength: 6 }), fc.nat(W), fc.nat(W), (base, ranges, p, q) => {
        const b = new lib.socket.SackBoard(8);
        const cov = new Array(W).fill(false);
        const seq = (x) => (base + x) >>> 0;
        for (const r of ranges) {
          const e = Math.min(r.s + r.n, W);
          assert.equal(b.add(seq(r.s), seq(e)), true);
          for (let x = r.s; x < e; x++) cov[x] = true;
        }
        let top = -1;
        for (let x = 0; x < W; x++) if (cov[x]) top = x + 1;
        // high(una): the end of the highest range if above una, else una.
        assert.equal(b.high(seq(p)), seq(top > p ? top : p), 'high(' + p + ')');
        // below(una, x): SACKed bytes in [una, x).
        const [lo, hi] = p <= q ? [p, q] : [q, p];
        let n = 0;
        for (let x = lo; x < hi; x++) if (cov[x]) n++;
        assert.equal(b.below(seq(lo), seq(hi)), n, 'below(' + lo + ', ' + hi + ')');
        // hole(from): the first byte at or after from that is not SACKed, below the highest
        // SACKed byte; holeEnd: where the SACKed range after it starts.
        let h = p;
        while (h < W && cov[h]) h++;
        const want = h < top ? h : -1;
        assert.equal(b.hole(seq(p)), want < 0 ? -1 : seq(want), 'hole(' + p + ')');
        if (want >= 0) {
          let e = want;
          while (!cov[e]) e++;
          assert.equal(b.holeEnd, seq(e), 'holeEnd after hole(' + p + ')');
        }
      }), { numRuns: 400, seed: 5 });
    });

    test('Assembler works across the 2^32 wrap', () => {
      const a = new lib.socket.Assembler(4);
      a.add(0xfffffff0, 0x10);
      a.add(0x10, 0x20);
      assert.equal(a.count, 1);
      assert.equal(a.takeFront(0xfffffff0), 0x30);
    });

    test('RttEstimator: RFC 6298 first sample, smoothing, bounds, backoff', () => {
      const r = new lib.socket.RttEstimator(1000, 200, 60000);
      assert.equal(r.rto, 1000);
      r.sample(100);
      assert.equal(r.srtt, 100);
      assert.equal(r.rttvarF, 50 * 256, 'RTTVAR = R / 2, kept in 1/256 ms');
      assert.equal(r.rto, 300);
      r.sample(100);
      assert.equal(r.srtt, 100);
      assert.equal(r.rttvarF, 37.5 * 256, 'RTTVAR = 3/4 RTTVAR + 1/4 |SRTT - R|');
      assert.equal(r.rto, 250);
      r.sample(180);
      assert.equal(r.srttF, 110 * 256, 'SRTT = 7/8 SRTT + 1/8 R');
      assert.equal(r.srtt, 110);
      assert.equal(r.rttvarF, 48.125 * 256);
      assert.equal(r.rto, 303, 'SRTT + 4 RTTVAR = 302.5, rounded up');
      // Four samples expected per round trip (timestamps): each moves SRTT a quarter as far.
      r.sample(430, 4);
      assert.equal(r.srttF, 120 * 256, 'SRTT += (R - SRTT) / 32');
      assert.equal(r.rttvarF, 48.125 * 256 + (320 - 48.125) * 256 / 16, 'RTTVAR gain 1/16');
      for (let i = 0; i < 20; i++) r.sample(1);
      assert.equal(r.rto, 200, 'lower bound');
      for (let i = 0; i < 20; i++) r.backoff();
      assert.equal(r.rto, 60000, 'upper bound');
      r.restore();
      assert.equal(r.rto, 200, 'restore: back to the estimate, at the lower bound');
      // The bounds hold for an estimate restored after a sample too.
      const c = new lib.socket.RttEstimator(1000, 200, 1000);
      c.restore();
      assert.equal(c.rto, 1000, 'no sample yet: restore leaves the initial RTO');
      c.sample(2000);
      assert.equal(c.rto, 1000, 'SRTT + 4 RTTVAR = 6000, held at the upper bound');
    });

    test('RttEstimator: below the clock granularity G (1 ms), RTO = SRTT + G, rounded up', () => {
      // RFC 6298 2.3: RTO = SRTT + max(G, 4 RTTVAR). Equal samples leave SRTT where the first put
      // it and shrink RTTVAR by a quarter each time, until 4 RTTVAR is far below 1 ms.
      const settle = (r) => {
        const e = new lib.socket.RttEstimator(1000, 0, 60000);
        for (let i = 0; i < 40; i++) e.sample(r);
        assert.ok(e.rttvarF * 4 < 256, '4 RTTVAR below 1 ms: ' + e.rttvarF / 64);
        return e;
      };
      const whole = settle(100);
      assert.equal(whole.srttF, 100 * 256);
      assert.equal(whole.rto, 101, 'SRTT 100 ms + G');
      const frac = settle(100 + 1 / 256);
      assert.equal(frac.srttF, 100 * 256 + 1, 'SRTT 1/256 ms above 100');
      assert.equal(frac.rto, 102, '100 + 1/256 + 1 ms, rounded up');
      // Against the formula in real numbers, for SRTTs all round one millisecond.
      for (let k = 0; k < 256; k += 17) {
        const e = settle(100 + k / 256);
        assert.equal(e.rto, Math.ceil(e.srttF / 256 + Math.max(1, (4 * e.rttvarF) / 256)), 'SRTT 100 + ' + k + '/256 ms');
      }
    });

    test('IsnGenerator: keyed per tuple, advancing with the 4 µs clock', () => {
      const g = new lib.socket.IsnGenerator(0x12345678, 0x9abcdef0), h = new lib.socket.IsnGenerator(1, 2);
      const a = g.isn(0, 1, 80, 2, 40000), b = g.isn(0, 1, 80, 2, 40001);
      assert.notEqual(a, b, 'another tuple, another ISN');
      assert.notEqual(a, h.isn(0, 1, 80, 2, 40000), 'another key, another ISN');
      assert.equal(g.isn(1, 1, 80, 2, 40000), (a + 250) >>> 0, '250 ticks per ms');
      // The hash spreads: over 1000 ports no value repeats.
      const seen = new Set();
      for (let p = 0; p < 1000; p++) seen.add(g.hash(1, 80, 2, 1000 + p));
      assert.equal(seen.size, 1000);
    });
  });
}
