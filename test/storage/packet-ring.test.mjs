// PacketRing (src/storage/packet-ring.ts), the datagram FIFO of UDP, ICMP and raw sockets, on its
// own: packets come out in order with their bytes and numbers (an address above 2^31 too), a ring
// full by count or by bytes refuses, a payload that does not fit before the end starts again at 0
// only when the oldest live payload leaves room there, and clear() and emptying reset the writer.
// Then a property: any sequence of pushes and pops agrees with a plain list of the packets taken,
// and the ring's accounting holds (test/fuzz/invariants.mjs).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { builds } from '../helpers/bundles.mjs';
import { checkPacketRing, PACKET_META as M } from '../fuzz/invariants.mjs';

const bytes = (n, seed) => Uint8Array.from({ length: n }, (_, i) => (seed * 31 + i * 7) & 255);

/** The oldest packet: { len, data (up to max bytes), addr, port, extra }, or null when empty. */
function oldest(r, max = 64) {
  const k = r.peek();
  if (k < 0) return null;
  const out = new Uint8Array(max);
  const n = r.copyOut(k, out, 0, max);
  return { len: r.length(k), data: Array.from(out.subarray(0, n)), addr: r.meta[k + M.addr] >>> 0, port: r.meta[k + M.port], extra: r.meta[k + M.extra] };
}

for (const { name, lib } of builds) {
  const { PacketRing } = lib.storage;

  describe(name + ': PacketRing', () => {
    test('a ring needs at least one packet and one byte', () => {
      assert.throws(() => new PacketRing(0, 10), /at least 1/);
      assert.throws(() => new PacketRing(1, 0), /at least 1/);
      const r = new PacketRing(1, 1);
      assert.ok(r.push(bytes(1, 1), 0, 1, 1, 2, 3) >= 0, 'one packet of one byte fits');
      assert.deepEqual(oldest(r), { len: 1, data: [bytes(1, 1)[0]], addr: 1, port: 2, extra: 3 });
    });

    test('packets come out in order with their bytes, address, port and extra number', () => {
      const r = new PacketRing(3, 100);
      assert.equal(r.peek(), -1);
      const sent = [[5, 0xffffffff, 65535, 7], [9, 0xc0a80101, 53, 0], [1, 0, 0, 65535]];
      sent.forEach(([len, addr, port, extra], i) => assert.ok(r.push(bytes(len, i), 0, len, addr, port, extra) >= 0));
      assert.equal(r.count, 3);
      sent.forEach(([len, addr, port, extra], i) => {
        assert.deepEqual(oldest(r), { len, data: Array.from(bytes(len, i)), addr, port, extra }, 'packet ' + i);
        r.pop();
      });
      assert.equal(r.count, 0);
      assert.equal(r.peek(), -1);
      r.pop();
      assert.equal(r.count, 0, 'pop on an empty ring does nothing');
    });

    test('copyOut gives at most max bytes, and the whole packet when it fits', () => {
      const r = new PacketRing(2, 20);
      r.push(bytes(6, 4), 0, 6, 0, 0, 0);
      const k = r.peek(), out = new Uint8Array(8);
      assert.equal(r.copyOut(k, out, 1, 4), 4);
      assert.deepEqual(Array.from(out.subarray(1, 5)), Array.from(bytes(6, 4).subarray(0, 4)));
      assert.equal(r.copyOut(k, out, 0, 6), 6);
      assert.equal(r.copyOut(k, out, 0, 7), 6);
      assert.equal(r.length(k), 6, 'copying leaves the packet in place');
    });

    test('full by count, by bytes, and a payload longer than the ring', () => {
      const r = new PacketRing(2, 10);
      assert.equal(r.fits(11), false);
      assert.equal(r.push(bytes(11, 1), 0, 11, 0, 0, 0), -1, 'longer than the ring');
      assert.equal(r.fits(10), true, 'exactly the ring fits when empty');
      assert.ok(r.push(bytes(3, 1), 0, 3, 0, 0, 0) >= 0);
      assert.ok(r.push(bytes(3, 2), 0, 3, 0, 0, 0) >= 0);
      assert.equal(r.fits(1), false, 'two packets: full by count');
      assert.equal(r.push(bytes(1, 3), 0, 1, 0, 0, 0), -1);
      r.pop();
      r.pop();
      assert.equal(r.fits(10), true, 'emptied: the writer starts at 0 again');
      assert.ok(r.push(bytes(10, 5), 0, 10, 0, 0, 0) >= 0);
      assert.deepEqual(oldest(r).data, Array.from(bytes(10, 5)));
    });

    test('a payload that does not fit before the end starts at 0, only where the oldest left room', () => {
      const r = new PacketRing(4, 10);
      r.push(bytes(4, 1), 0, 4, 1, 0, 0); // [0, 4)
      r.push(bytes(4, 2), 0, 4, 2, 0, 0); // [4, 8)
      assert.equal(r.fits(3), false, '2 bytes left at the end, none free at 0');
      assert.equal(r.fits(2), true, 'the 2 at the end');
      r.pop(); // live [4, 8)
      assert.equal(r.fits(5), false, 'neither 2 at the end nor 4 at 0');
      assert.equal(r.fits(4), true, 'the 4 bytes at 0');
      r.push(bytes(4, 3), 0, 4, 3, 0, 0); // wraps: [4, 8) and [0, 4)
      assert.equal(r.fits(1), false, 'wrapped: the writer has caught up with the oldest');
      assert.deepEqual(oldest(r).data, Array.from(bytes(4, 2)));
      r.pop(); // live [0, 4): no longer wrapped
      assert.equal(r.fits(6), true, 'the 6 bytes after the live packet');
      assert.equal(r.fits(7), false);
      r.push(bytes(6, 4), 0, 6, 4, 0, 0); // [4, 10)
      assert.deepEqual(oldest(r), { len: 4, data: Array.from(bytes(4, 3)), addr: 3, port: 0, extra: 0 });
      r.pop();
      assert.deepEqual(oldest(r), { len: 6, data: Array.from(bytes(6, 4)), addr: 4, port: 0, extra: 0 });
    });

    test('wrapped, the writer may fill the room up to the oldest payload, and no more', () => {
      const r = new PacketRing(4, 10);
      r.push(bytes(4, 1), 0, 4, 0, 0, 0); // [0, 4)
      r.push(bytes(4, 2), 0, 4, 0, 0, 0); // [4, 8)
      r.pop(); // live [4, 8)
      r.push(bytes(2, 3), 0, 2, 0, 0, 0); // [8, 10)
      r.push(bytes(2, 4), 0, 2, 0, 0, 0); // wraps: [0, 2)
      assert.equal(r.fits(3), false, 'only 2 bytes between the writer and the oldest');
      assert.equal(r.fits(2), true);
      r.push(bytes(2, 5), 0, 2, 0, 0, 0); // [2, 4)
      for (const seed of [2, 3, 4, 5]) {
        assert.deepEqual(oldest(r).data, Array.from(bytes(seed === 2 ? 4 : 2, seed)), 'packet ' + seed);
        r.pop();
      }
    });

    test('zero-length packets keep their place, and the ring stays wrapped past one', () => {
      const r = new PacketRing(4, 10);
      r.push(bytes(4, 1), 0, 4, 0, 0, 0); // [0, 4)
      assert.ok(r.push(bytes(1, 2), 0, 0, 5, 6, 7) >= 0, 'an empty datagram'); // at 4, no bytes
      r.push(bytes(4, 3), 0, 4, 0, 0, 0); // [4, 8)
      r.pop(); // live: the empty one at 4, [4, 8)
      r.push(bytes(3, 4), 0, 3, 0, 0, 0); // wraps: [0, 3)
      assert.deepEqual(oldest(r), { len: 0, data: [], addr: 5, port: 6, extra: 7 });
      r.pop(); // the oldest is [4, 8): the writer is still behind it
      assert.equal(r.fits(2), false, 'one byte between the writer and the oldest');
      assert.equal(r.fits(1), true);
      r.push(bytes(1, 5), 0, 1, 0, 0, 0); // [3, 4)
      for (const [len, seed] of [[4, 3], [3, 4], [1, 5]]) {
        assert.deepEqual(oldest(r).data, Array.from(bytes(len, seed)));
        r.pop();
      }
    });

    test('clear() of a wrapped ring: the next payloads go from 0 on', () => {
      const r = new PacketRing(4, 10);
      r.push(bytes(4, 1), 0, 4, 0, 0, 0);
      r.push(bytes(4, 2), 0, 4, 0, 0, 0);
      r.pop();
      r.push(bytes(4, 3), 0, 4, 0, 0, 0); // wrapped
      r.clear();
      r.push(bytes(4, 4), 0, 4, 0, 0, 0); // [0, 4)
      assert.equal(r.fits(6), true, 'six bytes after it, the ring no longer wrapped');
      r.push(bytes(6, 5), 0, 6, 0, 0, 0);
      assert.deepEqual(oldest(r).data, Array.from(bytes(4, 4)));
      r.pop();
      assert.deepEqual(oldest(r).data, Array.from(bytes(6, 5)));
      const one = new PacketRing(1, 4);
      one.push(bytes(2, 6), 0, 2, 0, 0, 0);
      one.clear();
      one.push(bytes(3, 7), 0, 3, 1, 2, 3);
      assert.deepEqual(oldest(one), { len: 3, data: Array.from(bytes(3, 7)), addr: 1, port: 2, extra: 3 }, 'a one-packet ring after clear()');
    });

    test('clear() empties the ring and starts the writer at 0', () => {
      const r = new PacketRing(2, 10);
      r.push(bytes(6, 1), 0, 6, 0, 0, 0);
      r.push(bytes(3, 2), 0, 3, 0, 0, 0);
      r.clear();
      assert.equal(r.count, 0);
      assert.equal(r.peek(), -1);
      assert.equal(r.fits(10), true);
      r.push(bytes(10, 3), 0, 10, 9, 8, 7);
      assert.deepEqual(oldest(r), { len: 10, data: Array.from(bytes(10, 3)), addr: 9, port: 8, extra: 7 });
    });

    test('property: pushes and pops agree with a list of the packets taken, whatever the sizes', () => {
      const op = fc.oneof(fc.record({ push: fc.integer({ min: 0, max: 13 }) }), fc.constant({ pop: true }));
      fc.assert(fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 8, max: 24 }), fc.array(op, { maxLength: 60 }), (packets, size, ops) => {
        const r = new PacketRing(packets, size), model = [];
        let seed = 0;
        for (const o of ops) {
          if (o.pop) {
            r.pop();
            model.shift();
          } else {
            seed++;
            const data = bytes(o.push, seed);
            const took = r.push(data, 0, o.push, seed * 0x10000001 >>> 0, seed & 0xffff, seed) >= 0;
            // Refused only when full by count, longer than the ring, or with no room at the end
            // nor before the oldest live payload: never when the ring is empty and it fits.
            if (model.length === 0 && o.push <= size) assert.ok(took, 'an empty ring takes what fits');
            if (model.length === packets) assert.ok(!took, 'full by count');
            if (took) model.push({ len: o.push, data: Array.from(data), addr: seed * 0x10000001 >>> 0, port: seed & 0xffff, extra: seed });
          }
          assert.equal(r.count, model.length);
          assert.deepEqual(oldest(r, 16), model.length ? model[0] : null);
          checkPacketRing(r, 'packet ring'); // payloads in bounds, apart, and the writer at the newest's end
        }
      }), { numRuns: 1000, seed: 7 });
    });
  });
}
