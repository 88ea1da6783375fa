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
