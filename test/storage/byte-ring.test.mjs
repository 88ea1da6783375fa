// ByteRing (src/storage/byte-ring.ts), the byte stream of a TCP socket's send and receive sides, on
// its own: capacity checks, copies that wrap at the end of the buffer, peeks at an offset, data
// written ahead of the tail (out of order) and committed later, and clear(). Then a property: any
// sequence of these calls agrees with a plain model of the readable bytes and of those written
// ahead. Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { builds } from '../helpers/bundles.mjs';

const bytes = (n, seed) => Uint8Array.from({ length: n }, (_, i) => (seed * 31 + i * 7 + 1) & 255);
const list = (a) => Array.from(a);

for (const { name, lib } of builds) {
  const { ByteRing } = lib.storage;

  describe(name + ': ByteRing', () => {
    test('a ring holds at least one byte', () => {
      for (const c of [0, -1, 0.5, NaN]) assert.throws(() => new ByteRing(c), /ByteRing capacity must be at least 1/, 'capacity ' + c);
      const r = new ByteRing(1);
      assert.equal(r.capacity, 1);
      assert.equal(r.write(bytes(3, 1), 0, 3), 1, 'one byte fits');
      const out = new Uint8Array(2);
      assert.equal(r.read(out, 0, 2), 1);
      assert.equal(out[0], bytes(1, 1)[0]);
      assert.equal(r.length, 0);
    });

    test('writes, peeks and reads wrap at the end of the buffer', () => {
      const r = new ByteRing(8);
      const a = bytes(6, 2), b = bytes(6, 3), out = new Uint8Array(16);
      assert.equal(r.write(a, 0, 6), 6);
      assert.equal(r.read(out, 0, 5), 5);
      assert.deepEqual(list(out.subarray(0, 5)), list(a.subarray(0, 5)));
      assert.equal(r.free(), 7);
      assert.equal(r.write(b, 0, 6), 6, 'written from index 6 round to index 3');
      assert.equal(r.length, 7);
      assert.equal(r.write(b, 0, 6), 1, 'one byte of room left');
      out.fill(0);
      assert.equal(r.peek(2, out, 1, 4), 4, 'a peek across the end');
      assert.deepEqual(list(out.subarray(0, 6)), [0, b[1], b[2], b[3], b[4], 0]);
      assert.equal(r.peek(6, out, 0, 5), 2, 'a peek past the end of the data is cut short');
      assert.deepEqual(list(out.subarray(0, 2)), [b[5], b[0]]);
      assert.equal(r.peek(8, out, 0, 1), 0, 'nothing past the data');
      assert.equal(r.length, 8, 'peeks consume nothing');
      assert.equal(r.read(out, 3, 100), 8, 'a read takes at most what is there');
      assert.deepEqual(list(out.subarray(3, 11)), [a[5], ...b, b[0]]);
      assert.equal(r.read(out, 0, 4), 0);
      assert.equal(r.length, 0);
    });

    test('data written ahead of the tail becomes readable on commit, and a write at the tail overwrites it', () => {
      const r = new ByteRing(8);
      const out = new Uint8Array(8);
      assert.equal(r.write(bytes(5, 4), 0, 5), 5);
      assert.equal(r.read(out, 0, 5), 5); // head at 5: what follows wraps
      assert.equal(r.writeAhead(2, Uint8Array.of(30, 31, 32, 33), 0, 4), 4, 'indices 7, 0, 1, 2');
      assert.equal(r.length, 0, 'not readable yet');
      assert.equal(r.writeAhead(6, Uint8Array.of(40, 41, 42), 0, 3), 2, 'the room ends at the capacity');
      assert.equal(r.writeAhead(8, Uint8Array.of(1), 0, 1), 0, 'no room at all');
      assert.equal(r.write(Uint8Array.of(10, 11, 12), 0, 3), 3, 'fills the gap and overwrites the first byte written ahead');
      r.commit(5);
      assert.equal(r.length, 8);
      assert.equal(r.read(out, 0, 8), 8);
      assert.deepEqual(list(out), [10, 11, 12, 31, 32, 33, 40, 41]);
    });

    test('consume drops at most what is there; clear empties the ring and starts it again at the front', () => {
      const r = new ByteRing(6);
      const out = new Uint8Array(6);
      r.write(bytes(4, 5), 0, 4);
      r.consume(3);
      assert.equal(r.length, 1);
      r.consume(10);
      assert.equal(r.length, 0);
      r.write(bytes(4, 6), 0, 4);
      r.clear();
      assert.equal(r.length, 0);
      assert.equal(r.free(), 6);
      assert.equal(r.write(bytes(6, 7), 0, 6), 6);
      assert.deepEqual(list(r.mem), list(bytes(6, 7)), 'written from index 0 after clear()');
      assert.equal(r.read(out, 0, 6), 6);
      assert.deepEqual(list(out), list(bytes(6, 7)));
    });

    test('property: any sequence of calls agrees with a model of the readable bytes and those written ahead', () => {
      const op = fc.oneof(
        fc.record({ k: fc.constant('write'), n: fc.nat(12), seed: fc.nat(50) }),
        fc.record({ k: fc.constant('ahead'), at: fc.nat(10), n: fc.nat(8), seed: fc.nat(50) }),
        fc.record({ k: fc.constant('commit'), n: fc.nat(10) }),
        fc.record({ k: fc.constant('read'), n: fc.nat(12) }),
        fc.record({ k: fc.constant('peek'), at: fc.nat(12), n: fc.nat(12) }),
        fc.record({ k: fc.constant('consume'), n: fc.nat(12) }),
        fc.record({ k: fc.constant('clear') }));
      fc.assert(fc.property(fc.integer({ min: 1, max: 11 }), fc.array(op, { maxLength: 60 }), (cap, ops) => {
        const r = new ByteRing(cap);
        let readable = [], ahead = []; // ahead[i]: the byte written i places past the tail, or undefined
        const out = new Uint8Array(16);
        for (const o of ops) {
          if (o.k === 'write') {
            const d = bytes(o.n, o.seed), n = Math.min(o.n, cap - readable.length);
            assert.equal(r.write(d, 0, o.n), n);
            readable = readable.concat(list(d.subarray(0, n)));
            ahead = ahead.slice(n);
          } else if (o.k === 'ahead') {
            const d = bytes(o.n, o.seed), n = Math.max(0, Math.min(o.n, cap - readable.length - o.at));
            assert.equal(r.writeAhead(o.at, d, 0, o.n), n);
            for (let i = 0; i < n; i++) ahead[o.at + i] = d[i];
          } else if (o.k === 'commit') {
            // Only bytes written ahead, without a gap, can be made readable.
            let n = 0;
            while (n < o.n && ahead[n] !== undefined) n++;
            r.commit(n);
            readable = readable.concat(ahead.slice(0, n));
            ahead = ahead.slice(n);
          } else if (o.k === 'read') {
            const n = Math.min(o.n, readable.length);
            out.fill(0);
            assert.equal(r.read(out, 2, o.n > 14 ? 14 : o.n), Math.min(n, 14));
            assert.deepEqual(list(out.subarray(2, 2 + Math.min(n, 14))), readable.slice(0, Math.min(n, 14)));
            readable = readable.slice(Math.min(n, 14));
          } else if (o.k === 'peek') {
            const n = Math.max(0, Math.min(o.n, readable.length - o.at));
            out.fill(0);
            assert.equal(r.peek(o.at, out, 0, o.n), n);
            assert.deepEqual(list(out.subarray(0, n)), readable.slice(o.at, o.at + n));
          } else if (o.k === 'consume') {
            r.consume(o.n);
            readable = readable.slice(Math.min(o.n, readable.length));
          } else {
            r.clear();
            readable = [];
            ahead = [];
          }
          assert.equal(r.length, readable.length);
          assert.equal(r.free(), cap - readable.length);
        }
        out.fill(0);
        assert.equal(r.peek(0, out, 0, 16), readable.length);
        assert.deepEqual(list(out.subarray(0, readable.length)), readable);
      }), { numRuns: 1000, seed: 42 });
    });
  });
}
