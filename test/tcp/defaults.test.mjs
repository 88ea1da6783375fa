// A TcpSocket made with no options, against a crafted peer (test/tcp/peer.mjs): the documented
// defaults (TcpOptions) seen from the wire. Send and receive rings of 4096 bytes, 4 out-of-order
// ranges, an RTO of 1 s doubling to at most 60 s with 12 retransmissions, a floor of 200 ms, a
// 40 ms delayed ACK, 4 SACKed ranges remembered, a TIME-WAIT of 60 s, keep-alive probes every 75 s, 9 of them; and RFC 6528
// initial sequence numbers. Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer, sackSender } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP socket defaults', () => {
    const ST = lib.socket.TCP_STATES;
    const E = lib.socket.SOCKET_ERRORS;
    const F = lib.wire.TCP_FLAGS;
    const state = (s) => ST[s.state];

    test('a new socket: Closed, no error, nothing queued', () => {
      const p = craftedPeer(lib);
      const s = p.socket();
      assert.equal(state(s), 'Closed');
      assert.equal(s.error, 0);
      assert.equal(s.sendQueue(), 0);
      assert.equal(s.isOpen(), false);
    });

    test('the send ring takes 4096 bytes, the SYN-ACK offers a 4096-byte window', () => {
      const p = craftedPeer(lib);
      const c = p.accept();
      assert.equal(c.synAck.window, 4096);
      assert.equal(c.sock.send(pattern(10000, 3), 0, 10000), 4096);
      assert.equal(c.sock.sendQueue(), 4096);
      // The peer fills the receive ring: 4096 bytes taken, the rest is beyond the window.
      const d = pattern(5000, 4);
      for (let i = 0; i < 5; i++) p.send({ seq: u32(c.rcv + i * 1000), ack: c.snd, flags: F.Ack, data: d.subarray(i * 1000, i * 1000 + 1000) });
      const buf = new Uint8Array(8000);
      assert.equal(c.sock.recv(buf, 0, buf.length), 4096);
      assert.deepEqual(buf.subarray(0, 4096), d.subarray(0, 4096));
    });

    test('4 out-of-order ranges are kept, a fifth is dropped', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ sockOpts: { ackDelay: 0 } });
      const d = pattern(300 * 10, 7);
      const seg = (i) => ({ seq: u32(c.rcv + i * 300), ack: c.snd, flags: F.Ack, data: d.subarray(i * 300, i * 300 + 300) });
      for (let k = 0; k <= 4; k++) p.send(seg(2 * k + 1));
      p.out();
      for (let k = 0; k <= 4; k++) {
        p.send(seg(2 * k));
        const ack = p.out().pop().ack;
        assert.equal(ack, u32(c.rcv + (k < 4 ? 2 * k + 2 : 2 * k + 1) * 300), 'hole ' + k + ' filled');
      }
    });

    test('an unanswered SYN: retransmitted after 1 s, doubling to 60 s, 12 times, then TimedOut', () => {
      const p = craftedPeer(lib);
      const sock = p.socket();
      assert.equal(sock.connect(p.peer, 80), 0);
      p.poll();
      const times = [];
      p.until((segs) => {
        for (const s of segs.splice(0)) { assert.equal(s.flags, F.Syn); times.push(p.now); }
        return state(sock) === 'Closed';
      }, 3600000, 'the connection to give up');
      const gaps = times.slice(1).map((t, i) => t - times[i]);
      assert.deepEqual(gaps, [1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000, 60000, 60000, 60000]);
      assert.equal(p.now - times[times.length - 1], 60000, 'gives up one RTO after the last');
      assert.equal(sock.error, E.TimedOut);
    });

    test('fresh sockets draw their initial sequence numbers: two connections do not share one', () => {
      const p = craftedPeer(lib);
      const isn = [];
      for (const port of [80, 81]) {
        const s = p.socket();
        assert.equal(s.connect(p.peer, port), 0);
        p.poll();
        isn.push(p.out().find((x) => x.flags === F.Syn).seq);
      }
      assert.notEqual(isn[0], isn[1]);
      assert.ok(isn[0] !== 0 || isn[1] !== 0);
    });

    test('an RTT of 0 ms: the retransmission timeout is the 200 ms floor', () => {
      const p = craftedPeer(lib);
      const c = p.connect();
      // One exchange answered at once: the RTT sample is 0.
      assert.equal(c.sock.send(pattern(100, 1), 0, 100), 100);
      p.poll();
      const first = p.out().filter((s) => s.data.length);
      assert.equal(first.length, 1);
      p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + 100), flags: F.Ack });
      p.out();
      // The next segment is never acknowledged: resent at the RTO's floor, 200 ms, then doubling.
      assert.equal(c.sock.send(pattern(100, 2), 0, 100), 100);
      p.poll();
      const t0 = p.now;
      assert.equal(p.out().filter((s) => s.data.length).length, 1);
      const times = [];
      p.until((segs) => {
        for (const s of segs.splice(0)) if (s.data.length) times.push(p.now - t0);
        return times.length >= 3;
      }, 10000, 'three retransmissions');
      assert.deepEqual(times, [200, 600, 1400]);
    });

    test('one small segment is acknowledged 40 ms after it arrived', () => {
      const p = craftedPeer(lib);
      const c = p.accept();
      const t0 = p.now;
      p.send({ seq: c.rcv, ack: c.snd, flags: F.Ack, data: pattern(10, 5) });
      assert.equal(p.out().length, 0, 'no ACK at once');
      const acks = p.until((segs) => segs.length > 0, 1000, 'the delayed ACK');
      assert.equal(acks[0].ack, u32(c.rcv + 10));
      assert.equal(p.now - t0, 40);
    });

    test('TIME-WAIT lasts 60 s', () => {
      const p = craftedPeer(lib);
      const c = p.accept();
      c.sock.close();
      p.poll();
      const fin = p.out().find((s) => s.flags & F.Fin);
      assert.ok(fin, 'our FIN');
      p.send({ seq: c.rcv, ack: u32(c.snd + 1), flags: F.Ack | F.Fin });
      assert.equal(state(c.sock), 'TimeWait');
      const t0 = p.now;
      p.until(() => state(c.sock) === 'Closed', 600000, 'TIME-WAIT to end');
      assert.equal(p.now - t0, 60000);
    });

    test('keep-alive with only its idle time given: a probe every 75 s, 9 unanswered, then TimedOut', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ sockOpts: { keepAlive: 10000 } });
      const times = [];
      p.until((segs) => {
        for (const s of segs.splice(0)) times.push(p.now);
        return state(c.sock) === 'Closed';
      }, 3600000, 'keep-alive to give up');
      assert.equal(times.length, 9);
      for (let i = 1; i < times.length; i++) assert.equal(times[i] - times[i - 1], 75000);
      assert.equal(p.now - times[8], 75000);
      assert.equal(c.sock.error, E.TimedOut);
    });

    // The scoreboard keeps oooRanges of the peer's SACKed ranges (default 4): a fifth separate range
    // is not remembered, so the hole below it is not retransmitted in this round.
    for (const [ranges, holes] of [[undefined, [0, 2, 4, 6]], [5, [0, 2, 4, 6, 8]]]) {
      test('5 separate ranges SACKed, oooRanges ' + (ranges || 'default') + ': holes ' + holes + ' retransmitted at once', () => {
        const c = sackSender(lib, { more: 5000, sockOpts: ranges ? { oooRanges: ranges } : {} });
        const seg = (i) => [u32(c.base + i * 500), u32(c.base + i * 500 + 500)];
        c.ack(c.base, [seg(1), seg(3), seg(5)]);
        c.ack(c.base, [seg(7), seg(9), seg(5)]);
        const sent = c.p.out().filter((s) => s.data.length).map((s) => u32(s.seq - c.base) / 500);
        assert.deepEqual(sent, holes);
      });
    }

    test('a given minRto of 50 ms is the floor; a given maxRto of 3 s the ceiling', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ sockOpts: { minRto: 50 } });
      assert.equal(c.sock.send(pattern(100, 1), 0, 100), 100);
      p.poll();
      p.out();
      p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + 100), flags: F.Ack });
      p.out();
      assert.equal(c.sock.send(pattern(100, 2), 0, 100), 100);
      p.poll();
      const t0 = p.now;
      p.out();
      const times = [];
      p.until((segs) => {
        for (const s of segs.splice(0)) if (s.data.length) times.push(p.now - t0);
        return times.length >= 3;
      }, 10000, 'three retransmissions');
      assert.deepEqual(times, [50, 150, 350]);
      const q = craftedPeer(lib);
      const sock = q.socket({ maxRto: 3000 });
      sock.connect(q.peer, 80);
      q.poll();
      const syns = [];
      q.until((segs) => {
        for (const s of segs.splice(0)) syns.push(q.now);
        return syns.length >= 5;
      }, 60000, 'five SYNs');
      assert.deepEqual(syns.slice(1).map((t, i) => t - syns[i]), [1000, 2000, 3000, 3000]);
    });
  });
}
