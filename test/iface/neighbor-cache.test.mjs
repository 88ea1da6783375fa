// The ARP neighbour cache on its own (src/iface/neighbor.ts): entries found wherever they sit,
// expiry and revalidation, pending requests and their retry times, and which entry a full cache
// gives up. Both builds. The interface's use of it is tested in arp-revalidate and arp-retry.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';

const EMPTY = 0, PENDING = 1, RESOLVED = 2, STALE = 3;
const A = 0x0a000001, B = 0x0a000002, C = 0x0a000003, D = 0x0a000004;
const MAC = (ip) => 0x020000000000 + ip;

for (const { name, lib } of builds) {
  describe(name + ': NeighborCache', () => {
    const Cache = lib.iface.NeighborCache;
    /** size entries, lifetime 1000 ms, retry 100 ms. */
    const make = (size) => new Cache(size, 1000, 100);

    test('a cache of fewer than one entry is refused', () => {
      assert.throws(() => make(0), /arpCacheSize must be at least 1/);
      assert.throws(() => make(-1), /arpCacheSize must be at least 1/);
      assert.equal(make(1).size, 1);
    });

    test('an entry at any index: found, valid until its expiry, then stale and asked for every retryMs, three times', () => {
      const c = make(3);
      assert.equal(c.fill(A, MAC(A), 0), false, 'nothing was pending');
      assert.equal(c.fill(B, MAC(B), 0), false);
      assert.equal(c.entry(B, 10), 1);
      assert.equal(c.entry(A, 10), 0);
      assert.equal(c.lookup(B, 999), MAC(B));
      assert.equal(c.lookup(B, 1000), -1, 'expired at its time');
      assert.equal(c.entry(B, 1000), -2 - 1, 'stale: use entry 1 and ask');
      assert.equal(c.state[1], STALE);
      assert.equal(c.lookup(B, 1000), MAC(B), 'a stale entry answers');
      assert.equal(c.lookup(B, 1100), MAC(B), 'also when its next request is due');
      assert.equal(c.entry(B, 1099), 1);
      assert.equal(c.entry(B, 1100), -3);
      assert.equal(c.entry(B, 1200), -3);
      assert.equal(c.entry(B, 1299), 1);
      assert.equal(c.entry(B, 1300), -1, 'three requests unanswered: given up');
      assert.equal(c.shouldRequest(B, 1300), true);
      assert.equal(c.state[1], PENDING, 'pending in the same entry');
      assert.equal(c.entry(B, 1300), -1);
      assert.equal(c.fill(B, MAC(B), 1350), true, 'the answer resolves a pending entry');
      assert.equal(c.entry(B, 1360), 1);
      assert.equal(c.entry(A, 2000), -1, 'expired a lifetime ago, unused: given up at once');
      assert.equal(c.state[0], RESOLVED, 'until shouldRequest makes it pending');
    });

    test('an answer while stale makes the entry resolved for a lifetime from then', () => {
      const c = make(2);
      c.fill(A, MAC(A), 0);
      assert.equal(c.entry(A, 1000), -2);
      assert.equal(c.refresh(A, MAC(A) + 1, 1050), false, 'a stale entry was not pending');
      assert.equal(c.state[0], RESOLVED);
      assert.equal(c.lookup(A, 2049), MAC(A) + 1);
      assert.equal(c.entry(A, 2049), 0);
      assert.equal(c.entry(A, 2050), -2);
    });

    test('shouldRequest: a new entry asks at once, a pending one again only after retryMs', () => {
      const c = make(2);
      assert.equal(c.shouldRequest(C, 0), true);
      assert.equal(c.state[0], PENDING);
      assert.equal(c.shouldRequest(C, 50), false);
      assert.equal(c.shouldRequest(C, 99), false);
      assert.equal(c.shouldRequest(C, 100), true);
      assert.equal(c.shouldRequest(C, 150), false, 'the retry time moved to 100 + 100');
      assert.equal(c.shouldRequest(C, 200), true);
      assert.equal(c.lookup(C, 200), -1);
      assert.equal(c.refresh(D, MAC(D), 210), false, 'refresh creates nothing');
      assert.equal(c.lookup(D, 210), -1);
      assert.equal(c.refresh(C, MAC(C), 220), true, 'refresh resolves a pending entry');
      assert.equal(c.lookup(C, 230), MAC(C));
      assert.equal(c.fill(C, MAC(C), 240), false);
    });

    test('nextRetry: the earliest retry of the pending entries, or -1', () => {
      const c = make(4);
      assert.equal(c.nextRetry(), -1);
      c.fill(D, MAC(D), 0);
      assert.equal(c.nextRetry(), -1, 'resolved entries have no retry');
      c.shouldRequest(A, 50);
      c.shouldRequest(B, 20);
      c.shouldRequest(C, 80);
      assert.equal(c.nextRetry(), 120);
      c.shouldRequest(B, 120);
      assert.equal(c.nextRetry(), 150);
    });

    test('a full cache gives up the entry closest to expiry (a pending one: a lifetime after its first request)', () => {
      const c = make(3);
      c.fill(A, MAC(A), 200);
      c.fill(B, MAC(B), 100);
      c.fill(C, MAC(C), 300);
      c.fill(D, MAC(D), 400);
      assert.equal(c.lookup(B, 400), -1, 'B expired first: replaced');
      assert.equal(c.entry(D, 400), 1);
      assert.equal(c.lookup(A, 400), MAC(A));
      assert.equal(c.lookup(C, 400), MAC(C));
      // Ties go to the first.
      const t = make(3);
      t.fill(A, MAC(A), 100);
      t.fill(B, MAC(B), 100);
      t.fill(C, MAC(C), 300);
      t.fill(D, MAC(D), 400);
      assert.equal(t.entry(D, 400), 0);
      // A pending entry counts from its first request (0 + 1000), not its last (900); a resolved
      // one from its expiry (950).
      const p = make(2);
      p.shouldRequest(A, 0);
      p.shouldRequest(A, 900);
      p.fill(B, MAC(B), -50);
      p.fill(C, MAC(C), 910);
      assert.equal(p.entry(C, 910), 1, 'B (950) replaced before pending A (1000)');
      assert.equal(p.state[0], PENDING);
      const q = make(2);
      q.shouldRequest(A, 100);
      q.fill(B, MAC(B), 50);
      q.fill(C, MAC(C), 200);
      assert.equal(q.entry(C, 200), 1, 'B (1050) replaced before pending A (100 + 1000)');
    });

    test('clear empties every entry; the cache fills from the first empty one, and finds an address wherever it is learned again', () => {
      const c = make(2);
      c.fill(A, MAC(A), 200);
      c.fill(B, MAC(B), 100);
      assert.equal(c.entry(A, 300), 0);
      assert.equal(c.entry(B, 300), 1, 'both kept: the second went into the second entry');
      c.clear();
      assert.deepEqual([...c.state], [EMPTY, EMPTY]);
      assert.equal(c.entry(B, 300), -1);
      assert.equal(c.lookup(A, 300), -1);
      // B is learned again, into entry 0 (the first empty one), while entry 1 still holds its address.
      c.fill(B, MAC(B), 400);
      assert.equal(c.entry(B, 410), 0);
      assert.equal(c.lookup(B, 410), MAC(B));
    });
  });
}
