// Sequence acceptability (RFC 9293 3.10.7.4) at its edges, against a crafted peer
// (test/tcp/peer.mjs), told apart by what we answer: a SYN counts one sequence number and a FIN
// one (a SYN just below or just beyond the window, or at the next number with the window shut,
// gets a plain ACK, not a rate-limited challenge ACK; a FIN resent in TIME-WAIT does not restart
// its wait); a zero-length segment is acceptable at exactly the next number when our window is 0,
// and never below it (a keep-alive probe gets its ACK). And a retransmitted SYN in SYN-RECEIVED
// is taken (counted delivered) and its timestamp echoed. Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP sequence acceptability', () => {
    const ST = lib.socket.TCP_STATES;
    const F = lib.wire.TCP_FLAGS;
    const R = lib.iface.RESULTS;
    const state = (s) => ST[s.state];
    const acks = (p) => p.out().filter((s) => s.flags === F.Ack).length;

    // 12 SYNs at each place: a plain ACK each (12), where a challenge ACK would stop at 10.
    for (const [where, at] of [['one below the window', (c) => u32(c.rcv - 1)], ['just beyond the window', (c) => u32(c.rcv + 4096)]]) {
      test('a SYN ' + where + ' gets a plain ACK every time', () => {
        const p = craftedPeer(lib);
        const c = p.accept();
        for (let i = 0; i < 12; i++) p.send({ seq: at(c), flags: F.Syn });
        assert.equal(acks(p), 12);
        assert.equal(state(c.sock), 'Established');
      });
    }

    test('our window shut: a SYN at the next number gets a plain ACK every time', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ sockOpts: { rxBytes: 1000, ackDelay: 0 } });
      p.send({ seq: c.rcv, ack: c.snd, flags: F.Ack, data: pattern(1000, 1) });
      assert.equal(p.out().pop().window, 0);
      for (let i = 0; i < 12; i++) p.send({ seq: u32(c.rcv + 1000), flags: F.Syn });
      assert.equal(acks(p), 12);
    });

    test('our window shut (CLOSE-WAIT, not the prediction shortcut): an ACK at the next number is taken, one beyond is not', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ sockOpts: { rxBytes: 1000, ackDelay: 0 } });
      assert.equal(c.sock.send(pattern(100, 2), 0, 100), 100);
      p.poll();
      p.out();
      p.send({ seq: c.rcv, ack: c.snd, flags: F.Ack | F.Fin, data: pattern(1000, 3) });
      assert.equal(state(c.sock), 'CloseWait');
      assert.equal(p.out().pop().window, 0);
      assert.equal(c.sock.sendQueue(), 100);
      p.send({ seq: u32(c.rcv + 1002), ack: u32(c.snd + 100), flags: F.Ack });
      assert.equal(c.sock.sendQueue(), 100, 'one beyond: not taken');
      assert.equal(p.out().length, 1, 'an ACK for it');
      p.send({ seq: u32(c.rcv + 1001), ack: u32(c.snd + 100), flags: F.Ack });
      assert.equal(c.sock.sendQueue(), 0, 'the ACK of our 100 bytes was taken');
    });

    test('a keep-alive probe (one below the next number, no data) gets an ACK; an old ACK is not taken', () => {
      const p = craftedPeer(lib);
      const c = p.accept();
      p.send({ seq: u32(c.rcv - 1), ack: c.snd, flags: F.Ack });
      const out = p.out();
      assert.equal(out.length, 1);
      assert.equal(out[0].ack, c.rcv);
      // An ACK below the window acknowledging our data is dropped (with an ACK).
      c.sock.send(pattern(50, 4), 0, 50);
      p.poll();
      p.out();
      p.send({ seq: u32(c.rcv - 1), ack: u32(c.snd + 50), flags: F.Ack });
      assert.equal(acks(p), 1);
      assert.equal(c.sock.sendQueue(), 50);
    });

    /** Our close, then the peer's FIN: TIME-WAIT (1 s) from t0. */
    function timeWait() {
      const p = craftedPeer(lib);
      const c = p.accept({ sockOpts: { timeWait: 1000 } });
      c.sock.close();
      p.poll();
      p.out();
      p.send({ seq: c.rcv, ack: u32(c.snd + 1), flags: F.Ack | F.Fin });
      assert.equal(state(c.sock), 'TimeWait');
      p.out();
      return { p, c, t0: p.now };
    }

    test('TIME-WAIT: the peer\'s FIN again gets an ACK; the wait still ends on time', () => {
      const { p, c, t0 } = timeWait();
      p.now += 500;
      p.send({ seq: c.rcv, ack: u32(c.snd + 1), flags: F.Ack | F.Fin });
      const again = p.out();
      assert.equal(again.length, 1);
      assert.equal(again[0].ack, u32(c.rcv + 1));
      p.until(() => state(c.sock) === 'Closed', 5000, 'TIME-WAIT to end');
      assert.equal(p.now - t0, 1000);
    });

    test('SYN-RECEIVED: a retransmitted SYN is taken, and the SYN-ACK sent again echoes its timestamp', () => {
      const p = craftedPeer(lib);
      const sock = p.socket();
      sock.listen(80);
      p.send({ seq: 5000, flags: F.Syn, tsVal: 100 });
      assert.equal(p.out()[0].ts.ecr, 100);
      const delivered = p.iface.counters[R.TcpDelivered];
      p.now += 300;
      p.send({ seq: 5000, flags: F.Syn, tsVal: 400 });
      assert.equal(p.iface.counters[R.TcpDelivered], delivered + 1);
      const again = p.until((segs) => segs.length > 0, 5000, 'the SYN-ACK again');
      assert.equal(again[0].flags, F.Syn | F.Ack);
      assert.equal(again[0].ts.ecr, 400);
    });

    test('TIME-WAIT: a FIN at the next number (acceptable) restarts the wait', () => {
      const { p, c, t0 } = timeWait();
      p.now += 500;
      p.send({ seq: u32(c.rcv + 1), ack: u32(c.snd + 1), flags: F.Ack | F.Fin });
      assert.equal(p.out().length, 1, 'an ACK');
      p.until(() => state(c.sock) === 'Closed', 5000, 'TIME-WAIT to end');
      assert.equal(p.now - t0, 1500);
    });
  });
}
