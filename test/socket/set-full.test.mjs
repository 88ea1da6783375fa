// A growable socket set already at its largest size (65,536 slots) with every slot taken: add()
// answers Exhausted and leaves the set and the socket as they were, in both builds (NO_ALLOC sets
// never grow). The slots are taken by one placeholder socket written into the slot array:
// adding 65,536 sockets one by one costs seconds (each add() looks for the first free slot).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';

for (const { name, lib } of builds) {
  describe(name + ': a full socket set at 65,536 slots', () => {
    const S = lib.socket;

    test('add() answers Exhausted; the set keeps its size, the socket stays outside', () => {
      const set = new S.SocketSet(65536, true);
      const taken = new S.Socket(S.SOCKET_KINDS.Raw);
      for (let i = 0; i < set.capacity; i++) set.sockets[i] = taken;
      const s = new S.Socket(S.SOCKET_KINDS.Raw);
      assert.equal(set.add(s), S.SOCKET_ERRORS.Exhausted);
      assert.equal(set.capacity, 65536);
      assert.equal(set.sockets.length, 65536, 'no slot past the last');
      assert.equal(s.set, null);
      assert.equal(s.handle, -1);
    });
  });
}
