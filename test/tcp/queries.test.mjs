// TcpSocket's queries at their edges, against a crafted peer (test/tcp/peer.mjs): canSend in
// CLOSE-WAIT and with exactly one byte of room, canRecv with one byte, isActive in TIME-WAIT.
// Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP queries', () => {
    const ST = lib.socket.TCP_STATES;
    const F = lib.wire.TCP_FLAGS;
    const state = (s) => ST[s.state];

    test('canSend: while one byte of room is left, not when none; in CLOSE-WAIT too; not after close()', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ window: 0, sockOpts: { txBytes: 100 } });
      assert.equal(c.sock.canSend(), true);
      assert.equal(c.sock.send(pattern(99, 1), 0, 99), 99);
      assert.equal(c.sock.canSend(), true, 'one byte of room');
      assert.equal(c.sock.send(pattern(1, 2), 0, 1), 1);
      assert.equal(c.sock.canSend(), false, 'the ring is full');
      const q = craftedPeer(lib);
      const d = q.accept({ sockOpts: { txBytes: 100 } });
      q.send({ seq: d.rcv, ack: d.snd, flags: F.Ack | F.Fin });
      assert.equal(state(d.sock), 'CloseWait');
      assert.equal(d.sock.canSend(), true, 'CLOSE-WAIT: our direction is open');
      d.sock.close();
      assert.equal(d.sock.canSend(), false, 'LAST-ACK');
    });

    test('canRecv: true with a single byte held', () => {
      const p = craftedPeer(lib);
      const c = p.accept();
      assert.equal(c.sock.canRecv(), false);
      p.send({ seq: c.rcv, ack: c.snd, flags: F.Ack, data: new Uint8Array([9]) });
      assert.equal(c.sock.canRecv(), true);
      c.sock.recv(new Uint8Array(4), 0, 4);
      assert.equal(c.sock.canRecv(), false);
    });

    test('isActive: false in TIME-WAIT, true in the states before it', () => {
      const p = craftedPeer(lib);
      const c = p.accept();
      assert.equal(c.sock.isActive(), true);
      c.sock.close();
      p.poll();
      p.out();
      assert.equal(c.sock.isActive(), true, 'FinWait1');
      p.send({ seq: c.rcv, ack: u32(c.snd + 1), flags: F.Ack | F.Fin });
      assert.equal(state(c.sock), 'TimeWait');
      assert.equal(c.sock.isActive(), false);
      assert.equal(c.sock.isOpen(), true);
    });
  });
}
