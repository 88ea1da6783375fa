// The socket set's API edges, both builds: capacity bounds, a socket added twice or rekeyed in
// another set (clear errors), handles that are not handles, inUse, removing a socket that is dirty
// and parked, scheduling a socket outside any set, and TCP tuples that differ in one field only.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';

for (const { name, lib } of builds) {
  describe(name + ': socket set API', () => {
    const S = lib.socket;
    const T = S.TABLE_KINDS;

    test('capacity must be 1..65536', () => {
      for (const c of [0, -1, 65537, NaN]) assert.throws(() => new S.SocketSet(c, false), /socket capacity must be 1..65536/);
      assert.equal(new S.SocketSet(1, false).capacity, 1);
      assert.equal(new S.SocketSet(65536, false).capacity, 65536, 'the largest capacity is accepted');
    });

    test('a set grows by doubling up to 65536 slots, no more (handles keep the slot in 16 bits)', () => {
      for (const [from, to] of [[30000, 60000], [40000, 65536]]) {
        const set = new S.SocketSet(from, true);
        for (let i = 0; i < from; i++) assert.ok(set.add(new S.Socket(S.SOCKET_KINDS.Raw)) >= 0);
        const h = set.add(new S.Socket(S.SOCKET_KINDS.Raw));
        if (lib.noAlloc) { assert.equal(h, S.SOCKET_ERRORS.Exhausted); continue; }
        assert.equal(h & 0xffff, from);
        assert.equal(set.capacity, to, from + ' slots grow to ' + to);
      }
    });

    test('a set that may not grow holds exactly its capacity, in both builds; one that may grows in the default build only', () => {
      for (const cap of [1, 3]) {
        const set = new S.SocketSet(cap, false);
        const handles = [];
        for (let i = 0; i < cap; i++) handles.push(set.add(new S.UdpSocket()));
        assert.ok(handles.every((h) => h >= 0), 'all ' + cap + ' slots usable: ' + handles);
        assert.deepEqual(handles.map((h) => h & 0xffff).sort(), [...Array(cap).keys()], 'slots 0..' + (cap - 1));
        assert.equal(set.add(new S.UdpSocket()), S.SOCKET_ERRORS.Exhausted, 'full at ' + cap);
        assert.equal(set.capacity, cap);
      }
      const g = new S.SocketSet(2, true);
      g.add(new S.UdpSocket());
      g.add(new S.UdpSocket());
      const h = g.add(new S.UdpSocket());
      if (lib.noAlloc) assert.equal(h, S.SOCKET_ERRORS.Exhausted);
      else { assert.ok(h >= 0); assert.equal(g.capacity, 4, 'doubled'); }
    });

    test('a socket in a set cannot be added again or rekeyed by another set', () => {
      const a = new S.SocketSet(4, false), b = new S.SocketSet(4, false);
      const s = new S.UdpSocket();
      assert.ok(a.add(s) >= 0);
      assert.throws(() => a.add(s), /already in a set/);
      assert.throws(() => b.add(s), /already in a set/);
      assert.throws(() => b.rekey(s, T.Udp), /not in this set/);
      assert.equal(a.remove(s.handle), 0);
      assert.ok(b.add(s) >= 0, 'once removed it may join another set');
    });

    test('get: anything but a live handle is null', () => {
      const set = new S.SocketSet(4, false);
      const s = new S.UdpSocket();
      const h = set.add(s);
      assert.equal(set.get(h), s);
      for (const bad of [-1, '0', null, undefined, 4, 65535, h + 65536, 1.5]) assert.equal(set.get(bad), null, String(bad));
      assert.equal(set.remove(-1), S.SOCKET_ERRORS.StaleHandle);
    });

    test('TCP tuples clash only when all four fields match; inUse says so without registering', () => {
      const set = new S.SocketSet(8, false);
      const mk = (la, lp, ra, rp) => {
        const s = new S.Socket(S.SOCKET_KINDS.Tcp);
        set.add(s);
        s.localAddr = la; s.localPort = lp; s.remoteAddr = ra; s.remotePort = rp;
        return s;
      };
      const a = mk(1, 80, 2, 5000);
      assert.equal(set.rekey(a, T.TcpTuple), 0);
      for (const [la, lp, ra, rp] of [[9, 80, 2, 5000], [1, 81, 2, 5000], [1, 80, 3, 5000], [1, 80, 2, 5001]]) {
        const o = mk(la, lp, ra, rp);
        assert.equal(set.inUse(o, T.TcpTuple), false, [la, lp, ra, rp].join(' '));
        assert.equal(set.rekey(o, T.TcpTuple), 0);
        assert.equal(set.findTcp(la, lp, ra, rp), o);
      }
      const same = mk(1, 80, 2, 5000);
      assert.equal(set.inUse(same, T.TcpTuple), true);
      assert.equal(same.table, T.None, 'inUse registers nothing');
      assert.equal(set.rekey(same, T.TcpTuple), S.SOCKET_ERRORS.AlreadyInUse);
      assert.equal(set.findTcp(1, 80, 2, 5000), a);
      assert.equal(set.inUse(same, T.TcpListen), false, 'listeners never clash (backlog)');
    });

    test('removing a socket that is dirty, parked and scheduled leaves no trace in egress', () => {
      const set = new S.SocketSet(4, false);
      const visits = [];
      class Probe extends S.Socket {
        constructor(id) { super(S.SOCKET_KINDS.Raw); this.id = id; }
        dispatch() { visits.push(this.id); }
      }
      const a = new Probe('a'), b = new Probe('b');
      set.add(a); set.add(b);
      set.markDirty(a); set.park(a); set.schedule(a, 10);
      set.markDirty(b);
      assert.equal(set.parkedCount, 1);
      assert.equal(set.remove(a.handle), 0);
      assert.equal(set.parkedCount, 0);
      set.wakeParked();
      set.egress(100);
      assert.deepEqual(visits, ['b']);
      assert.equal(set.pollAt(100), -1);
      // A socket outside any set: schedule, markDirty and park do nothing.
      set.schedule(a, 5);
      set.markDirty(a);
      set.park(a);
      assert.equal(set.pollAt(0), -1);
      assert.equal(set.parkedCount, 0);
    });
  });
}
