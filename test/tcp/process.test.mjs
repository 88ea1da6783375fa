// Segments at the edges of process()'s first steps, against a crafted peer (test/tcp/peer.mjs):
// only a SYN at the peer's ISN in SYN-RECEIVED is a retransmitted SYN (not a RST there, nor the
// old SYN in ESTABLISHED); the header-prediction shortcut takes only what the full path would
// take the same way (an in-order segment larger than the free ring is trimmed; an ACK one past
// what we sent earns a challenge ACK, RFC 5961 5.2) and does take a plain receiver's segments.
// Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer, recvAll } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP process() edges', () => {
    const ST = lib.socket.TCP_STATES;
    const F = lib.wire.TCP_FLAGS;
    const state = (s) => ST[s.state];
    const PREDICTED = 4, TIMEOUTS = 0;

    test('SYN-RECEIVED: a RST at the peer\'s ISN (below the window) is ignored, no SYN-ACK again', () => {
      const p = craftedPeer(lib);
      const sock = p.socket();
      sock.listen(80);
      p.send({ seq: 5000, flags: F.Syn });
      assert.equal(p.out().length, 1);
      p.send({ seq: 5000, flags: F.Rst });
      assert.equal(p.out().length, 0);
      assert.equal(state(sock), 'SynReceived');
    });

    test('ESTABLISHED: the peer\'s old SYN again gets one ACK; no timeout follows', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ irs: 5000 });
      const cwnd = c.sock.cwnd;
      p.send({ seq: 5000, flags: F.Syn });
      const out = p.out();
      assert.equal(out.length, 1);
      assert.equal(out[0].flags, F.Ack);
      p.now += 5;
      p.poll();
      assert.equal(p.out().length, 0);
      assert.equal(c.sock.stats[TIMEOUTS], 0);
      assert.equal(c.sock.cwnd, cwnd);
      assert.equal(state(c.sock), 'Established');
    });

    test('an in-order segment larger than the free ring: its front is taken, the rest is not acknowledged', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ sockOpts: { rxBytes: 1000, ackDelay: 0 } });
      const d = pattern(1400, 6);
      p.send({ seq: c.rcv, ack: c.snd, flags: F.Ack, data: d });
      const ack = p.out().pop();
      assert.equal(ack.ack, u32(c.rcv + 1000));
      assert.deepEqual(recvAll(c.sock), d.subarray(0, 1000));
    });

    test('a plain receiver\'s in-order segments take the prediction shortcut', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ sockOpts: { rxBytes: 8192 } });
      const before = c.sock.stats[PREDICTED];
      for (let i = 0; i < 3; i++) p.send({ seq: u32(c.rcv + i * 100), ack: c.snd, flags: F.Ack, data: pattern(100, i) });
      assert.equal(c.sock.stats[PREDICTED] - before, 3);
      assert.equal(recvAll(c.sock).length, 300);
    });

    test('an ACK one past what we sent gets a challenge ACK and changes nothing', () => {
      const p = craftedPeer(lib);
      const c = p.accept();
      p.send({ seq: c.rcv, ack: u32(c.snd + 1), flags: F.Ack });
      const out = p.out();
      assert.equal(out.length, 1, 'a challenge ACK');
      assert.equal(out[0].seq, c.snd);
      assert.equal(out[0].ack, c.rcv);
      assert.equal(c.sock.sndUna, c.snd);
      // Data sent now starts at the first unacknowledged byte as before.
      c.sock.send(pattern(10, 7), 0, 10);
      p.poll();
      assert.equal(p.out().find((s) => s.data.length).seq, c.snd);
    });
  });
}
