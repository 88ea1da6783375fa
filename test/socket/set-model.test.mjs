// The socket set against a plain model, both builds: seeded random add / remove / rekey steps
// with endpoints drawn from a few ports and addresses (so hash chains are long and sockets leave
// them from the middle), each followed by every lookup (findUdp, findListener, findTcp, findIcmp,
// nextRaw, portInUse, inUse) compared with a scan of the model; and random markDirty / park /
// wakeParked / schedule / remove / egress steps whose visits must be the dirty or due sockets,
// once each, in round-robin slot order from a start that moves by one slot per poll; a visit ends
// the socket's timer only when it was due; the dirty count and NO_ALLOC's earliest-deadline bound
// (what Interface.poll reads to skip egress) follow.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';

function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 4294967296; };
}

for (const { name, lib } of builds) {
  describe(name + ': socket set against a model', () => {
    const S = lib.socket;
    const T = S.TABLE_KINDS;
    const K = S.SOCKET_KINDS;
    const E = S.SOCKET_ERRORS;
    const tables = [T.Udp, T.TcpListen, T.TcpTuple, T.Raw, T.Icmp];
    const kindOf = { [T.Udp]: K.Udp, [T.TcpListen]: K.Tcp, [T.TcpTuple]: K.Tcp, [T.Raw]: K.Raw, [T.Icmp]: K.Icmp };

    // The model: what each lookup must answer, by a scan in slot order.
    const live = (set) => set.sockets.filter((o) => o !== null && o !== undefined);
    function endpoint(set, kind, addr, port) {
      const inT = live(set).filter((o) => o.table === kind && o.localPort === port).sort((a, b) => a.slot - b.slot);
      return inT.find((o) => o.localAddr === addr) || inT.find((o) => o.localAddr === 0) || null;
    }
    function clashes(set, s, kind) {
      if (kind === T.TcpListen || kind === T.Raw || kind === T.None) return false;
      return live(set).some((o) => o !== s && o.table === kind && o.localPort === s.localPort && o.localAddr === s.localAddr &&
        (kind !== T.TcpTuple || (o.remoteAddr === s.remoteAddr && o.remotePort === s.remotePort)));
    }

    for (const seed of [1, 2, 3, 4]) {
      test('tables: random add / remove / rekey steps, every lookup as a scan finds it (seed ' + seed + ')', () => {
        const rnd = rng(seed);
        const pick = (a) => a[Math.floor(rnd() * a.length)];
        const cap = 12;
        const set = new S.SocketSet(cap, false);
        const ports = [7, 80, 81, 16, 23];
        const addrs = [0, 0x0a000001, 0x0a000002, 0xc0a80001];
        const seen = { middleUnlink: 0, clash: 0, wildFound: 0, exactFound: 0, raw: 0 };
        for (let step = 0; step < 1500; step++) {
          const r = rnd();
          const socks = live(set);
          if (r < 0.2 && set.count < cap) {
            const table = pick(tables);
            const s = new S.Socket(kindOf[table]);
            const h = set.add(s);
            assert.ok(h >= 0 && set.get(h) === s, 'added at step ' + step);
            assert.equal(s.table, T.None, 'a new socket is in no table');
          } else if (r < 0.3 && socks.length) {
            const s = pick(socks);
            const h = s.handle;
            assert.equal(set.remove(h), 0);
            assert.equal(set.get(h), null, 'a removed handle is stale');
            assert.equal(set.remove(h), E.StaleHandle);
            // Out of the set, as a fresh socket: no slot, handle -1 (socket.ts), no set, no table.
            assert.deepEqual([s.slot, s.handle, s.set, s.table], [-1, -1, null, T.None], 'a removed socket\'s fields');
          } else if (socks.length) {
            const s = pick(socks);
            // Another socket of the same chain (same port) leaves from the middle of it.
            if (s.table !== T.None && live(set).filter((o) => o.table === s.table && o.localPort === s.localPort).length > 2) seen.middleUnlink++;
            const kind = rnd() < 0.15 ? T.None : pick(tables);
            s.localPort = pick(ports);
            s.localAddr = kind === T.Icmp ? 0 : pick(addrs);
            // Remote fields set in every table (a connected UDP socket has them): only the TCP
            // tuple table keys on them.
            s.remoteAddr = pick(addrs.slice(1));
            s.remotePort = pick([1000, 1001]);
            const want = clashes(set, s, kind);
            assert.equal(set.inUse(s, kind), want, 'inUse at step ' + step);
            const res = set.rekey(s, kind);
            if (want) seen.clash++;
            assert.equal(res, want ? E.AlreadyInUse : 0, 'rekey at step ' + step);
            assert.equal(s.table, want ? T.None : kind);
          }
          // Every lookup, against the scan.
          for (const port of ports) {
            for (const addr of addrs) {
              const u = endpoint(set, T.Udp, addr, port);
              assert.equal(set.findUdp(addr, port), u, 'findUdp ' + addr + ':' + port + ' at step ' + step);
              if (u && u.localAddr === 0 && addr !== 0) seen.wildFound++;
              if (u && u.localAddr === addr && addr !== 0) seen.exactFound++;
              assert.equal(set.findListener(addr, port), endpoint(set, T.TcpListen, addr, port), 'findListener at step ' + step);
              for (const ra of addrs.slice(1)) {
                for (const rp of [1000, 1001]) {
                  const t = live(set).find((o) => o.table === T.TcpTuple && o.localAddr === addr && o.localPort === port && o.remoteAddr === ra && o.remotePort === rp) || null;
                  assert.equal(set.findTcp(addr, port, ra, rp), t, 'findTcp at step ' + step);
                }
              }
            }
            assert.equal(set.findIcmp(port), endpoint(set, T.Icmp, 0, port), 'findIcmp at step ' + step);
            for (const k of [K.Udp, K.Tcp, K.Raw, K.Icmp]) {
              assert.equal(set.portInUse(k, port), live(set).some((o) => o.kind === k && o.localPort === port && o.table !== T.None), 'portInUse at step ' + step);
            }
            // nextRaw, walked from -1: the raw sockets of that protocol in slot order.
            const raws = live(set).filter((o) => o.table === T.Raw && o.localPort === port).sort((a, b) => a.slot - b.slot);
            if (raws.length > 1) seen.raw++;
            const got = [];
            for (let o = set.nextRaw(port, -1); o !== null && got.length <= cap; o = set.nextRaw(port, o.slot)) got.push(o);
            assert.deepEqual(got.map((o) => o.slot), raws.map((o) => o.slot), 'nextRaw ' + port + ' at step ' + step);
            for (const after of [0, 5, cap - 1]) {
              assert.equal(set.nextRaw(port, after), raws.find((o) => o.slot > after) || null, 'nextRaw after ' + after);
            }
          }
        }
        assert.ok(seen.middleUnlink > 5 && seen.clash > 20 && seen.wildFound > 50 && seen.exactFound > 50 && seen.raw > 20, JSON.stringify(seen));
      });
    }

    test('handle generations: a slot reused 32,768 times never repeats a handle, and handles stay below 2^31', () => {
      const set = new S.SocketSet(2, false);
      set.add(new S.Socket(K.Raw)); // slot 0 stays
      const first = set.add(new S.Socket(K.Raw));
      assert.equal(first & 0xffff, 1);
      const seen = new Set([first]);
      let h = first;
      for (let i = 1; i < 32768; i++) {
        assert.equal(set.remove(h), 0);
        h = set.add(new S.Socket(K.Raw));
        assert.equal(h & 0xffff, 1, 'the same slot');
        assert.ok(h >= 0 && h < 0x80000000, 'handle ' + h + ' fits a signed 32-bit integer');
        assert.ok(!seen.has(h), 'handle ' + h + ' repeated after ' + i + ' reuses');
        seen.add(h);
      }
      // The generation wraps: the 32,769th occupant has the first one's handle again.
      assert.equal(set.remove(h), 0);
      assert.equal(set.add(new S.Socket(K.Raw)), first);
    });

    test('TCP tuples differing in the remote address or port alone: no clash and no match, whatever bucket they share', () => {
      const set = new S.SocketSet(4, false);
      const a = new S.Socket(K.Tcp), b = new S.Socket(K.Tcp);
      set.add(a); set.add(b);
      Object.assign(a, { localAddr: 0x0a000001, localPort: 80, remoteAddr: 0x0a000002, remotePort: 5000 });
      assert.equal(set.rekey(a, T.TcpTuple), 0);
      // Hundreds of neighbours of a's tuple: some share its hash bucket, so only the compare of
      // every field tells them apart.
      for (let k = 1; k <= 600; k++) {
        for (const [ra, rp] of [[0x0a000002 + k, 5000], [0x0a000002, 5000 + k]]) {
          Object.assign(b, { localAddr: 0x0a000001, localPort: 80, remoteAddr: ra, remotePort: rp });
          assert.equal(set.inUse(b, T.TcpTuple), false, 'no clash with ' + ra + ':' + rp);
          assert.equal(set.findTcp(0x0a000001, 80, ra, rp), null, 'no match for ' + ra + ':' + rp);
        }
      }
      assert.equal(set.findTcp(0x0a000001, 80, 0x0a000002, 5000), a);
    });

    test('pollAt: a deadline at time 0 in a lower slot stays the earliest beside later ones', () => {
      const set = new S.SocketSet(4, false);
      const a = new S.Socket(K.Raw), b = new S.Socket(K.Raw), c = new S.Socket(K.Raw);
      for (const x of [a, b, c]) set.add(x);
      set.schedule(a, 0);
      set.schedule(b, 50);
      set.schedule(c, 30);
      assert.equal(set.pollAt(0), 0);
      set.schedule(a, -1);
      assert.equal(set.pollAt(0), 30);
    });

    class Probe extends S.Socket {
      constructor(log, again) {
        super(K.Raw);
        this.log = log;
        this.again = again;
      }
      dispatch(now) {
        this.log.push(this.slot);
        // Marked dirty again during its own visit: it waits for the next poll.
        if (this.again.has(this.slot)) { this.again.delete(this.slot); this.set.markDirty(this); }
      }
    }

    for (const seed of [5, 6, 7]) {
      test('egress: dirty, parked and due sockets visited once each in round-robin slot order (seed ' + seed + ')', () => {
        const rnd = rng(seed);
        const cap = 10;
        const set = new S.SocketSet(cap, false);
        let wakes = 0;
        set.iface = { polling: false, onWork() { wakes++; } };
        const log = [], again = new Set(), gone = [];
        const model = { dirty: new Set(), parked: new Set(), deadline: new Map() };
        let scanFrom = 0, now = 100, expectWakes = 0;
        const seen = { visits: 0, multi: 0, wrapped: 0, parkedWoken: 0, again: 0 };
        const add = () => {
          const s = new Probe(log, again);
          assert.ok(set.add(s) >= 0);
        };
        for (let i = 0; i < cap; i++) add();
        for (let step = 0; step < 4000; step++) {
          const socks = live(set);
          const r = rnd();
          const s = socks.length ? socks[Math.floor(rnd() * socks.length)] : null;
          if (r < 0.25 && s) {
            if (!model.dirty.has(s.slot)) expectWakes++;
            set.markDirty(s);
            model.dirty.add(s.slot);
          } else if (r < 0.35 && s) {
            set.park(s);
            model.parked.add(s.slot);
          } else if (r < 0.4) {
            set.wakeParked();
            for (const p of model.parked) { if (!model.dirty.has(p)) expectWakes++; model.dirty.add(p); seen.parkedWoken++; }
            model.parked.clear();
          } else if (r < 0.55 && s) {
            // Some deadlines at 0 (long past): the earliest bound must take them too.
            const r2 = rnd();
            const at = r2 < 0.2 ? -1 : r2 < 0.23 ? 0 : now + Math.floor(rnd() * 60) - 10;
            set.schedule(s, at);
            if (at < 0) model.deadline.delete(s.slot); else model.deadline.set(s.slot, at);
          } else if (r < 0.6 && s) {
            const slot = s.slot;
            assert.equal(set.remove(s.handle), 0);
            gone.push(s);
            model.dirty.delete(slot); model.parked.delete(slot); model.deadline.delete(slot);
            add();
          } else if (r < 0.65 && s) {
            again.add(s.slot);
          } else if (r < 0.68 && gone.length) {
            // A removed socket (a timer or a neighbour firing late): marking, parking or scheduling
            // it changes nothing.
            const g = gone[Math.floor(rnd() * gone.length)];
            set.markDirty(g);
            set.park(g);
            set.schedule(g, now);
          } else {
            now += Math.floor(rnd() * 30);
            const due = [...model.deadline].filter(([, t]) => t <= now).map(([k]) => k);
            const want = [...new Set([...model.dirty, ...due])].filter((k) => set.sockets[k] !== null)
              .sort((a, b) => ((a - scanFrom + cap) % cap) - ((b - scanFrom + cap) % cap));
            const dl = [...model.deadline.values()];
            const pollWant = model.dirty.size ? now : dl.length ? Math.max(now, Math.min(...dl)) : -1;
            assert.equal(set.pollAt(now), pollWant, 'pollAt at step ' + step);
            log.length = 0;
            const w0 = wakes;
            const againBefore = new Set([...again].filter((k) => want.includes(k)));
            const soonestBefore = set.soonest;
            const n = set.egress(now);
            assert.equal(n, want.length, 'visit count at step ' + step);
            assert.deepEqual(log, want, 'visit order at step ' + step + ' (start ' + scanFrom + ')');
            if (want.length > 1) seen.multi++;
            if (want.length > 1 && want[0] > want[want.length - 1]) seen.wrapped++;
            seen.visits += want.length;
            model.dirty.clear();
            // A visit ends a due timer; a dirty socket keeps one not yet due (its dispatch re-arms
            // or cancels it).
            for (const k of due) model.deadline.delete(k);
            if (name === 'noalloc') {
              // A passed bound is made exact by the egress (these probes schedule nothing during
              // their visits); one not passed is kept.
              const left = [...model.deadline.values()];
              const exact = left.length ? Math.min(...left) : -1;
              const passed = soonestBefore >= 0 && soonestBefore <= now;
              assert.equal(set.soonest, passed ? exact : soonestBefore, 'soonest after egress at step ' + step + ' (before ' + soonestBefore + ', now ' + now + ')');
            }
            for (const k of againBefore) { model.dirty.add(k); expectWakes++; seen.again++; }
            scanFrom = (scanFrom + 1) % cap;
            // The default build's due timers join the dirty ring (a wake each); NO_ALLOC scans them.
            assert.ok(wakes >= w0 + againBefore.size, 'a socket marked again during its visit wakes the interface');
            wakes = expectWakes;
            assert.equal(set.current, null, 'no socket is current after egress');
          }
          assert.equal(wakes, expectWakes, 'the interface is woken once per socket newly dirty, step ' + step);
          // What Interface.poll reads to skip egress: ringLen counts the dirty sockets (both builds);
          // NO_ALLOC's soonest is never later than the earliest deadline.
          assert.equal(set.ringLen, model.dirty.size, 'dirty count, step ' + step);
          if (name === 'noalloc' && model.deadline.size) {
            const first = Math.min(...model.deadline.values());
            assert.ok(set.soonest >= 0 && set.soonest <= first, 'soonest ' + set.soonest + ' after the earliest deadline ' + first + ', step ' + step);
          }
        }
        assert.ok(seen.multi > 50 && seen.wrapped > 20 && seen.parkedWoken > 40 && seen.again > 20, JSON.stringify(seen));
      });
    }
  });
}
