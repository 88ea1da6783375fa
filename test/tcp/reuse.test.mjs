// A TcpSocket used for a second connection starts from nothing of the first, against a crafted
// peer (test/tcp/peer.mjs): data left queued, an out-of-order range left held, the retry count and
// backed-off RTO of an unanswered SYN, and the challenge ACK budget (RFC 5961 7) all belong to
// the connection that made them. Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP socket reuse', () => {
    const ST = lib.socket.TCP_STATES;
    const E = lib.socket.SOCKET_ERRORS;
    const F = lib.wire.TCP_FLAGS;
    const state = (s) => ST[s.state];

    test('data queued in an aborted connection is not sent in the next one', () => {
      const p = craftedPeer(lib);
      const sock = p.socket();
      sock.connect(p.peer, 80);
      assert.equal(sock.send(pattern(100, 1), 0, 100), 100);
      sock.abort();
      sock.isnOverride = 20000;
      assert.equal(sock.connect(p.peer, 80), 0);
      assert.equal(sock.sendQueue(), 0);
      p.poll();
      const syn = p.out().find((s) => s.flags === F.Syn);
      p.send({ sport: 80, dport: syn.sport, seq: 9000, ack: 20001, flags: F.Syn | F.Ack });
      p.now += 100;
      p.poll();
      assert.equal(p.out().filter((s) => s.data.length).length, 0);
    });

    test('an out-of-order range of the first connection is not taken into the second', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ irs: 5000, sockOpts: { ackDelay: 0 } });
      p.send({ seq: u32(c.rcv + 1000), ack: c.snd, flags: F.Ack, data: pattern(500, 2) });
      p.send({ seq: c.rcv, ack: c.snd, flags: F.Rst });
      assert.equal(state(c.sock), 'Closed');
      assert.equal(c.sock.listen(80), 0);
      // The same peer's SYN with the same ISN: the old range would sit right after these 1000 bytes.
      p.send({ seq: 5000, flags: F.Syn, mss: 1460 });
      const synAck = p.out().find((s) => s.flags === (F.Syn | F.Ack));
      p.send({ seq: 5001, ack: u32(synAck.seq + 1), flags: F.Ack, data: pattern(1000, 3) });
      const acks = p.out();
      assert.equal(acks.pop().ack, 6001, 'only the new 1000 bytes acknowledged');
      const got = new Uint8Array(2000);
      assert.equal(c.sock.recv(got, 0, 2000), 1000);
    });

    test('an unanswered SYN aborted: the next connection starts again at the initial RTO with every retry', () => {
      const p = craftedPeer(lib);
      const sock = p.socket({ maxRetries: 3 });
      sock.connect(p.peer, 80);
      p.poll();
      p.out();
      // Two retransmissions: the RTO backed off to 4 s, two retries counted.
      p.until((segs) => segs.length >= 2, 10000, 'two retransmissions');
      sock.abort();
      assert.equal(sock.connect(p.peer, 80), 0);
      p.poll();
      const t0 = p.now;
      const times = [];
      p.until((segs) => {
        for (const s of segs.splice(0)) if (s.flags === F.Syn) times.push(p.now - t0);
        return state(sock) === 'Closed';
      }, 60000, 'the second connection to give up');
      assert.deepEqual(times, [0, 1000, 3000, 7000]);
      assert.equal(sock.error, E.TimedOut);
    });

    test('the challenge ACK budget and its second, spent by the first connection, are not the second one\'s', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ irs: 100 });
      const count = () => p.out().filter((s) => s.flags === F.Ack).length;
      // 10 challenge ACKs (SYNs in the window) at time 1000: the budget of that second.
      for (let i = 0; i < 12; i++) p.send({ seq: u32(c.rcv + 10), flags: F.Syn });
      assert.equal(count(), 10);
      p.send({ seq: c.rcv, ack: c.snd, flags: F.Rst });
      assert.equal(state(c.sock), 'Closed');
      p.now += 500;
      c.sock.listen(80);
      const d = p.accept({ irs: 7000 });
      for (let i = 0; i < 12; i++) p.send({ seq: u32(d.rcv + 10), flags: F.Syn });
      assert.equal(count(), 10, 'the second connection has its own 10 a second');
      // A second after the first connection's challenges, half a second after the second's.
      p.now += 500;
      p.send({ seq: u32(d.rcv + 10), flags: F.Syn });
      assert.equal(count(), 0, 'the second connection\'s second is not over');
    });

    test('the challenge ACK second starts at the connection\'s first challenge, not at time 0', () => {
      const p = craftedPeer(lib, { now: 0 });
      const c = p.accept({ irs: 100 });
      const count = () => p.out().filter((s) => s.flags === F.Ack).length;
      p.now = 500;
      for (let i = 0; i < 11; i++) p.send({ seq: u32(c.rcv + 10), flags: F.Syn });
      assert.equal(count(), 10);
      // 1000 ms after time 0 but 500 after the first challenge: still the same second.
      p.now = 1000;
      p.send({ seq: u32(c.rcv + 10), flags: F.Syn });
      assert.equal(count(), 0);
      p.now = 1500;
      p.send({ seq: u32(c.rcv + 10), flags: F.Syn });
      assert.equal(count(), 1);
    });

    test('a segment timed in an aborted connection gives the next one no RTT sample', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ iss: 50000 });
      assert.equal(c.sock.send(pattern(100, 4), 0, 100), 100);
      p.poll();
      assert.equal(p.out().filter((s) => s.data.length).length, 1);
      c.sock.abort();
      p.out();
      // 30 s later, the next connection's SYN-ACK acknowledges beyond the old segment: the RTO
      // stays the initial 1 s, not one computed from the old segment's 30 s.
      p.now += 30000;
      c.sock.isnOverride = 50100;
      assert.equal(c.sock.connect(p.peer, 80, c.port), 0);
      p.poll();
      const syn = p.out().find((s) => s.flags === F.Syn);
      p.send({ sport: 80, dport: syn.sport, seq: 9000, ack: 50101, flags: F.Syn | F.Ack });
      p.out();
      assert.equal(c.sock.send(pattern(100, 5), 0, 100), 100);
      p.poll();
      const t0 = p.now;
      assert.equal(p.out().filter((s) => s.data.length).length, 1);
      const again = p.until((segs) => segs.some((s) => s.data.length), 120000, 'the retransmission');
      assert.equal(p.now - t0, 1000, 'retransmitted after ' + (p.now - t0) + ' ms (' + again.length + ' segments)');
    });

    test('challenge ACKs from time 0: the 10 of that second, none more before time 1000', () => {
      const p = craftedPeer(lib, { now: 0 });
      const c = p.accept({ irs: 100 });
      const count = () => p.out().filter((s) => s.flags === F.Ack).length;
      for (let i = 0; i < 11; i++) p.send({ seq: u32(c.rcv + 10), flags: F.Syn });
      assert.equal(count(), 10);
      p.now = 999;
      p.send({ seq: u32(c.rcv + 10), flags: F.Syn });
      assert.equal(count(), 0);
      p.now = 1000;
      p.send({ seq: u32(c.rcv + 10), flags: F.Syn });
      assert.equal(count(), 1);
    });
  });
}
