// How much one visit sends, against a crafted peer (test/tcp/peer.mjs): at most 64 segments
// (TcpSocket.sendData's bound, which keeps the work of one poll bounded on the interpreter), however
// large cwnd and the peer's window; the rest follows as the ACKs come. Both builds. MSS 100, cwnd
// grown by slow start to well over 64 segments.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer, ackEachSegment } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP segments sent in one visit', () => {
    const F = lib.wire.TCP_FLAGS;
    test('one visit sends 64 segments at most; the rest goes with the ACKs', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 100, sockOpts: { txBytes: 16384, nagle: false, initialRto: 5000, minRto: 5000 } });
      const ack = (n) => p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(n), flags: F.Ack, window: 65535 });
      const data = () => p.out().filter((s) => s.data.length);
      // Slow start with data always queued, each segment acknowledged 20 ms after it went, then
      // the queue drained.
      const pending = ackEachSegment(p, ack, { rounds: 50, more: () => c.sock.cwnd < 8000,
        fill: () => { while (c.sock.sendQueue() < 16000) c.sock.send(pattern(100, 2), 0, 100); } });
      ackEachSegment(p, ack, { pending, more: () => c.sock.sendQueue() > 0 });
      assert.equal(c.sock.sendQueue(), 0);
      assert.ok(c.sock.cwnd >= 8000, 'cwnd ' + c.sock.cwnd);
      // 80 segments queued at once.
      assert.equal(c.sock.send(pattern(8000, 3), 0, 8000), 8000);
      p.poll();
      const first = data();
      assert.equal(first.length, 64, 'one visit: 64 segments');
      // The first ACK lets the other 16 go.
      p.now += 20;
      ack(first[0].seq + 100);
      assert.equal(data().length, 16, 'the rest with the next ACK');
    });
  });
}
