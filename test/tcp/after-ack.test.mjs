// What follows an accepted ACK (afterAck), against a crafted peer (test/tcp/peer.mjs): data is
// taken in ESTABLISHED and FIN-WAIT-1/2 (one byte too), not after the peer's FIN (CLOSE-WAIT:
// acknowledged, not delivered, and so is a FIN again); a pure ACK there earns no answer; the last ACK in LAST-ACK counts
// as delivered and leaves no timer (keep-alive on); in LAST-ACK a duplicate ACK does not start the
// keep-alive timer. Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer, recvAll } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP after an accepted ACK', () => {
    const ST = lib.socket.TCP_STATES;
    const F = lib.wire.TCP_FLAGS;
    const R = lib.iface.RESULTS;
    const state = (s) => ST[s.state];

    test('FIN-WAIT-2: a one-byte segment is taken', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ sockOpts: { ackDelay: 0 } });
      c.sock.close();
      p.poll();
      p.out();
      p.send({ seq: c.rcv, ack: u32(c.snd + 1), flags: F.Ack });
      assert.equal(state(c.sock), 'FinWait2');
      p.send({ seq: c.rcv, ack: u32(c.snd + 1), flags: F.Ack, data: new Uint8Array([77]) });
      assert.deepEqual([...recvAll(c.sock)], [77]);
      assert.equal(p.out().pop().ack, u32(c.rcv + 1));
    });

    test('CLOSE-WAIT: data after the peer\'s FIN is acknowledged, not delivered; a pure ACK gets no answer', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ sockOpts: { ackDelay: 0 } });
      p.send({ seq: c.rcv, ack: c.snd, flags: F.Ack | F.Fin });
      assert.equal(state(c.sock), 'CloseWait');
      p.out();
      c.sock.send(pattern(20, 1), 0, 20);
      p.poll();
      p.out();
      p.send({ seq: u32(c.rcv + 1), ack: u32(c.snd + 20), flags: F.Ack });
      assert.equal(p.out().length, 0, 'no answer to a pure ACK');
      assert.equal(c.sock.sendQueue(), 0);
      p.send({ seq: u32(c.rcv + 1), ack: u32(c.snd + 20), flags: F.Ack, data: pattern(5, 2) });
      assert.equal(p.out().length, 1, 'an ACK');
      assert.equal(c.sock.recv(new Uint8Array(8), 0, 8), lib.socket.SOCKET_ERRORS.Closed, 'nothing delivered after the FIN');
      // A FIN again at the next number (past the first one): acknowledged too.
      p.send({ seq: u32(c.rcv + 1), ack: u32(c.snd + 20), flags: F.Ack | F.Fin });
      const a = p.out();
      assert.equal(a.length, 1, 'an ACK for the FIN');
      assert.equal(state(c.sock), 'CloseWait');
    });

    test('LAST-ACK: the ACK of our FIN is delivered and closes; keep-alive leaves no timer behind', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ sockOpts: { keepAlive: 100, initialRto: 5000 } });
      p.send({ seq: c.rcv, ack: c.snd, flags: F.Ack | F.Fin });
      c.sock.close();
      p.poll();
      const fin = p.out().find((s) => s.flags & F.Fin);
      assert.ok(fin);
      assert.equal(state(c.sock), 'LastAck');
      // A duplicate ACK (not of our FIN) 50 ms later does not push the idle timer back.
      const at = p.iface.pollAt(p.now);
      assert.ok(at > p.now);
      p.now += 50;
      p.send({ seq: u32(c.rcv + 1), ack: c.snd, flags: F.Ack });
      assert.equal(p.iface.pollAt(p.now), at);
      const delivered = p.iface.counters[R.TcpDelivered];
      p.send({ seq: u32(c.rcv + 1), ack: u32(c.snd + 1), flags: F.Ack });
      assert.equal(state(c.sock), 'Closed');
      assert.equal(p.iface.counters[R.TcpDelivered], delivered + 1);
      assert.equal(p.iface.pollAt(p.now), -1, 'no timer left');
    });
  });
}
