// The socket set's deadline queue (default build: a binary min-heap; NO_ALLOC: a scan) against a
// model: sockets scheduled, moved later (sift-down) and earlier (sift-up), cancelled from the
// middle, then egress at moving times must visit exactly the due sockets, and pollAt must name the
// earliest deadline. Seeded random steps, both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';

function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 4294967296; };
}

for (const { name, lib } of builds) {
  describe(name + ': deadline queue', () => {
    class Timer extends lib.socket.Socket {
      constructor(id, visits) {
        super(lib.socket.SOCKET_KINDS.Raw);
        this.id = id;
        this.visits = visits;
      }
      dispatch(now) { this.visits.push(this.id); }
    }

    for (const seed of [1, 2, 3]) {
      test('random schedule / reschedule / cancel / egress steps match a model (seed ' + seed + ')', () => {
        const N = 40;
        const set = new lib.socket.SocketSet(N, false);
        const visits = [];
        const socks = [];
        for (let i = 0; i < N; i++) {
          const s = new Timer(i, visits);
          assert.ok(set.add(s) >= 0);
          socks.push(s);
        }
        const model = new Array(N).fill(-1);
        const rnd = rng(seed);
        let now = 0, moves = { later: 0, earlier: 0, cancelMiddle: 0, due: 0 };
        for (let step = 0; step < 3000; step++) {
          const r = rnd();
          const i = Math.floor(rnd() * N);
          if (r < 0.55) {
            const at = now + Math.floor(rnd() * 500);
            if (model[i] >= 0) { if (at > model[i]) moves.later++; else if (at < model[i]) moves.earlier++; }
            set.schedule(socks[i], at);
            model[i] = at;
          } else if (r < 0.7) {
            if (model[i] >= 0 && model.filter((t) => t >= 0).length > 2) moves.cancelMiddle++;
            set.schedule(socks[i], -1);
            model[i] = -1;
          } else {
            now += Math.floor(rnd() * 120);
            const live = model.filter((t) => t >= 0);
            const min = live.length ? Math.min(...live) : -1;
            assert.equal(set.pollAt(now), min < 0 ? -1 : Math.max(min, now), 'pollAt at step ' + step);
            visits.length = 0;
            set.egress(now);
            const due = [];
            for (let k = 0; k < N; k++) if (model[k] >= 0 && model[k] <= now) { due.push(k); model[k] = -1; }
            moves.due += due.length;
            assert.deepEqual(visits.slice().sort((a, b) => a - b), due, 'sockets visited at ' + now + ', step ' + step);
          }
        }
        assert.ok(moves.later > 50 && moves.earlier > 50 && moves.cancelMiddle > 50 && moves.due > 500, JSON.stringify(moves));
      });
    }
    test('a deadline of time 0 is a deadline (due at 0), not a cancellation', () => {
      const set = new lib.socket.SocketSet(4, false);
      const visits = [];
      const s = new Timer('z', visits);
      set.add(s);
      set.schedule(s, 0);
      assert.equal(set.pollAt(0), 0);
      set.egress(0);
      assert.deepEqual(visits, ['z']);
      assert.equal(set.pollAt(0), -1);
    });

    test('a set that grows (default build) keeps its deadlines, its dirty and parked sockets and its handle generations', () => {
      const set = new lib.socket.SocketSet(4, true);
      const visits = [];
      const a = new Timer('a', visits), b = new Timer('b', visits), x = new Timer('x', visits), y = new Timer('y', visits);
      for (const s of [a, b, x, y]) set.add(s);
      // Slot 1 used twice: its generation is 1 now.
      set.remove(b.handle);
      const c = new Timer('c', visits);
      const hc = set.add(c);
      assert.equal(hc & 0xffff, 1);
      set.schedule(c, 50); // slot 1 in the deadline queue
      set.markDirty(x); // slots 2, 3 and 0 in the dirty ring, in that order
      set.markDirty(y);
      set.markDirty(a);
      set.park(a); // slot 0 waits for a neighbour too
      const d = new Timer('d', visits);
      const hd = set.add(d);
      if (lib.noAlloc) { assert.equal(hd, lib.socket.SOCKET_ERRORS.Exhausted); return; }
      assert.equal(set.capacity, 8, 'grown');
      // The dirty sockets go at once (once each, though marked again), the deadline at its time.
      set.markDirty(x);
      assert.equal(set.pollAt(10), 10);
      set.egress(10);
      assert.deepEqual(visits, ['a', 'x', 'y']);
      assert.equal(set.pollAt(10), 50);
      visits.length = 0;
      set.egress(60);
      assert.deepEqual(visits, ['c']);
      // The parked socket is still parked: woken, it goes.
      visits.length = 0;
      set.wakeParked();
      set.egress(70);
      assert.deepEqual(visits, ['a']);
      // A handle of slot 1 kept from before the growth stays stale once its socket is removed.
      assert.equal(set.remove(hc), 0);
      const e = new Timer('e', visits);
      const he = set.add(e);
      assert.equal(he & 0xffff, 1, 'slot 1 reused');
      assert.notEqual(he, hc, 'a new generation');
      assert.equal(set.get(hc), null, 'the old handle is stale');
    });
  });
}
