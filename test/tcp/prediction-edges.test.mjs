// Header prediction's shortcut (TcpSocket.predicted) at the edges of what it does for a segment,
// against a crafted peer (test/tcp/peer.mjs), header prediction on: the window update's order
// rule (RFC 9293 3.10.7.4: an older segment's window is not taken, one just past the mark is),
// RTT sampling without timestamps (Karn, a send at time 0), the backed-off RTO restored by new
// data after a timeout and the retry count reset, zero-window probes (their backoff kept, the
// persist timer restarted by their ACK), the loss probe re-armed for the next flight, a
// Nagle-held byte released by the ACK, data opening the window, delayed ACK timing, keep-alive
// restarted by predicted segments and pure ACKs, and in-order data beside an out-of-order
// range. Every segment the tests send here takes the shortcut (checked by the Predicted count)
// unless the test says otherwise. Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer, recvAll } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;
const STAT = { timeouts: 0, fastRetransmits: 1, probes: 2, undos: 3, predicted: 4 };

for (const { name, lib } of builds) {
  describe(name + ': TCP header prediction at its edges', () => {
    const F = lib.wire.TCP_FLAGS;
    const ST = lib.socket.TCP_STATES;
    const E = lib.socket.SOCKET_ERRORS;
    const dataOut = (p) => p.out().filter((s) => s.data.length);
    const sizes = (p) => dataOut(p).map((s) => s.data.length);

    /** Nothing answers the flight just sent: the tail loss probe goes first, then the timeout.
     *  Returns the time from the probe to the timeout's retransmission (the RTO then). */
    function probeThenTimeout(p, sock) {
      const probes = sock.stats[STAT.probes], timeouts = sock.stats[STAT.timeouts];
      p.until((s) => s.some((x) => x.data.length), 5000, 'the loss probe');
      assert.equal(sock.stats[STAT.probes], probes + 1, 'a loss probe first');
      const t = p.now;
      p.until((s) => s.some((x) => x.data.length), 5000, 'the timeout');
      assert.equal(sock.stats[STAT.timeouts], timeouts + 1, 'then the timeout');
      return p.now - t;
    }

    /** Sends from the peer, expecting the segment to take the shortcut. */
    function predictedSend(p, sock, o) {
      const before = sock.stats[STAT.predicted];
      p.send(o);
      assert.equal(sock.stats[STAT.predicted], before + 1, 'the segment took the shortcut');
    }

    test('a pure ACK ahead of rcvNxt (the peer\'s data lost) sets the window; the data sent again behind it does not', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ sockOpts: { txBytes: 8192, nagle: false } });
      // The peer's 100 bytes at rcv are lost; its next segment, a pure ACK, is at rcv + 100.
      p.send({ seq: u32(c.rcv + 100), ack: c.snd, flags: F.Ack, window: 1000 });
      // The 100 bytes again, with a larger window: an older segment, its window is not taken.
      predictedSend(p, c.sock, { seq: c.rcv, ack: c.snd, flags: F.Ack, window: 5000, data: pattern(100, 1) });
      c.sock.send(pattern(3000, 2), 0, 3000);
      p.poll();
      assert.deepEqual(sizes(p), [1000], 'the window of the later segment: 1000 bytes');
    });

    test('a segment one past the last window update takes its window', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ sockOpts: { txBytes: 8192, nagle: false } });
      predictedSend(p, c.sock, { seq: c.rcv, ack: c.snd, flags: F.Ack, window: 1000, data: pattern(1, 1) });
      predictedSend(p, c.sock, { seq: u32(c.rcv + 1), ack: c.snd, flags: F.Ack, window: 3000, data: pattern(1, 2) });
      c.sock.send(pattern(3000, 2), 0, 3000);
      p.poll();
      assert.deepEqual(sizes(p).reduce((a, b) => a + b, 0), 3000, 'the 3000-byte window taken');
    });

    for (const iss of [1000, 0x50000000]) {
      test(`a segment at the same sequence number and ACK as the last window update takes its window (ISS ${iss})`, () => {
        const p = craftedPeer(lib);
        const c = p.connect({ iss, sockOpts: { txBytes: 8192, nagle: false } });
        // A pure ACK (the full path) sets the window to 1000 at rcv.
        p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: c.snd, flags: F.Ack, window: 1000 });
        // Data at the same rcv with the same ACK and a window of 3000.
        predictedSend(p, c.sock, { sport: 80, dport: c.port, seq: c.rcv, ack: c.snd, flags: F.Ack, window: 3000, data: pattern(10, 1) });
        p.out();
        c.sock.send(pattern(3000, 2), 0, 3000);
        p.poll();
        assert.equal(sizes(p).reduce((a, b) => a + b, 0), 3000, 'the 3000-byte window taken');
      });
    }

    test('without timestamps, an ACK short of the timed segment gives no RTT sample', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 500, sockOpts: { txBytes: 8192, nagle: false } });
      const at = (k) => u32(c.snd + 500 * k);
      // s0 and s1 go at t0; s0 is timed. Its ACK 100 ms later: a sample of 100 ms.
      c.sock.send(pattern(1000, 1), 0, 1000);
      p.poll();
      assert.deepEqual(sizes(p), [500, 500]);
      p.now += 100;
      predictedSend(p, c.sock, { sport: 80, dport: c.port, seq: c.rcv, ack: at(1), flags: F.Ack });
      assert.equal(c.sock.rtt.srtt, 100);
      // s2 goes now and is timed; the ACK of s1, 10 ms later, does not cover it: no sample.
      c.sock.send(pattern(500, 2), 0, 500);
      p.poll();
      assert.deepEqual(sizes(p), [500]);
      p.now += 10;
      predictedSend(p, c.sock, { sport: 80, dport: c.port, seq: c.rcv, ack: at(2), flags: F.Ack });
      assert.equal(c.sock.rtt.srtt, 100, 'no sample from an ACK below the timed segment');
      p.now += 90;
      predictedSend(p, c.sock, { sport: 80, dport: c.port, seq: c.rcv, ack: at(3), flags: F.Ack });
      assert.equal(c.sock.rtt.srtt, 100, 's2\'s own sample: 100 ms');
    });

    test('without timestamps, a segment sent at time 0 is timed like any other', () => {
      const p = craftedPeer(lib, { now: 0 });
      const c = p.connect({ mss: 500, sockOpts: { nagle: false, initialRto: 3000, minRto: 200 } });
      c.sock.send(pattern(500, 1), 0, 500);
      p.poll();
      assert.deepEqual(sizes(p), [500]);
      p.now = 80;
      predictedSend(p, c.sock, { sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + 500), flags: F.Ack });
      assert.equal(c.sock.rtt.srtt, 80, 'a sample of 80 ms');
    });

    /** A connection (MSS 500) whose first 500 bytes were acknowledged 20 ms after they went, through
     *  the shortcut (an RTT of 20 ms; the ACK offers `window`); ackMore(n) acknowledges n more. */
    const warmed = (sockOpts, window) => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 500, sockOpts: { nagle: false, ...sockOpts } });
      let una = c.snd;
      const ackMore = (n, w) => {
        una = u32(una + n);
        predictedSend(p, c.sock, { sport: 80, dport: c.port, seq: c.rcv, ack: una, flags: F.Ack, window: w });
      };
      c.sock.send(pattern(500, 1), 0, 500);
      p.poll();
      p.out();
      p.now += 20;
      ackMore(500, window);
      return { p, c, ackMore };
    };

    test('after a timeout, new data acknowledged brings the RTO back from its backoff and resets the retry count', () => {
      // An RTT of 20 ms: the RTO is at its 200 ms floor.
      const { p, c, ackMore } = warmed({ minRto: 200, maxRetries: 1 });
      // s1 lost: the loss probe, then the timeout 200 ms later; the RTO doubles.
      c.sock.send(pattern(500, 2), 0, 500);
      p.poll();
      p.out();
      assert.equal(probeThenTimeout(p, c.sock), 200, 'the first RTO: 200 ms');
      p.now += 20;
      ackMore(500);
      // s2 lost too: its timeout 200 ms after its probe again (not 400), and one retry allowed again.
      c.sock.send(pattern(500, 3), 0, 500);
      p.poll();
      p.out();
      assert.equal(probeThenTimeout(p, c.sock), 200, 'the RTO back at 200 ms');
      assert.equal(ST[c.sock.state], 'Established', 'one retry, as allowed');
      assert.equal(c.sock.stats[STAT.timeouts], 2);
    });

    // 500 bytes acknowledged 20 ms after they went by an ACK that closes the window (through the
    // shortcut), then 1000 more queued behind it.
    const zeroWindow = () => {
      const { p, c } = warmed({ minRto: 200 }, 0);
      c.sock.send(pattern(1000, 2), 0, 1000);
      p.poll();
      return { p, c };
    };

    test('zero-window probes back the RTO off; the ACK of a probe byte that opens the window brings it back', () => {
      const { p, c } = zeroWindow();
      let una = u32(c.snd + 500);
      assert.deepEqual(sizes(p), [], 'nothing goes into a zero window');
      // The persist timer's probe (one byte) after the RTO of 200 ms; the RTO backs off to 400.
      const seen = p.until((s) => s.some((x) => x.data.length), 1000, 'a zero-window probe');
      assert.deepEqual(seen.filter((x) => x.data.length).map((x) => x.data.length), [1]);
      // Its ACK opens the window; the rest goes.
      una = u32(una + 1);
      p.now += 20;
      predictedSend(p, c.sock, { sport: 80, dport: c.port, seq: c.rcv, ack: una, flags: F.Ack, window: 65535 });
      assert.deepEqual(sizes(p), [500, 499]);
      // All lost: the timeout comes at the estimate's 200 ms, not the backed-off 400.
      assert.equal(probeThenTimeout(p, c.sock), 200);
    });

    test('a zero-window probe acknowledged with the window still closed: the next probe waits a full RTO from that ACK', () => {
      const { p, c } = zeroWindow();
      let una = u32(c.snd + 500);
      p.until((s) => s.some((x) => x.data.length), 1000, 'the first zero-window probe');
      // 50 ms later its byte is acknowledged, the window closed again; the RTO is now 400 ms.
      p.now += 50;
      una = u32(una + 1);
      predictedSend(p, c.sock, { sport: 80, dport: c.port, seq: c.rcv, ack: una, flags: F.Ack, window: 0 });
      const t0 = p.now;
      const seen = p.until((s) => s.some((x) => x.data.length), 2000, 'the next zero-window probe');
      assert.deepEqual(seen.filter((x) => x.data.length).map((x) => x.data.length), [1]);
      assert.equal(p.now - t0, 400, 'a full RTO after the ACK');
    });

    test('data from the peer that opens its window (nothing acknowledged) lets our waiting data go at once', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 500, window: 1000, sockOpts: { nagle: false, txBytes: 8192 } });
      c.sock.send(pattern(3000, 1), 0, 3000);
      p.poll();
      assert.deepEqual(sizes(p), [500, 500], 'the 1000-byte window');
      predictedSend(p, c.sock, { sport: 80, dport: c.port, seq: c.rcv, ack: c.snd, flags: F.Ack, window: 5000, data: pattern(10, 2) });
      assert.deepEqual(sizes(p), [500, 500, 500, 500], 'the rest, without waiting for the delayed ACK');
    });

    test('a loss probe\'s flight acknowledged without SACK: the next flight has its own probe', () => {
      const { p, c, ackMore } = warmed({ minRto: 1000, txBytes: 8192 });
      for (const round of [1, 2]) {
        c.sock.send(pattern(1000, 1 + round), 0, 1000);
        p.poll();
        assert.deepEqual(sizes(p), [500, 500]);
        const t0 = p.now;
        // No answer: the tail loss probe (well before the 1 s RTO) sends the last segment again.
        p.until((s) => s.some((x) => x.data.length), 2000, 'the probe of flight ' + round);
        assert.ok(p.now - t0 < 1000, 'flight ' + round + ': a probe after ' + (p.now - t0) + ' ms, not the RTO');
        assert.equal(c.sock.stats[STAT.probes], round);
        ackMore(1000);
      }
      assert.equal(c.sock.stats[STAT.timeouts], 0);
    });

    test('a byte held by Nagle\'s rule goes when the ACK of the small segment before it comes', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 500 });
      c.sock.send(pattern(1, 1), 0, 1);
      p.poll();
      assert.deepEqual(sizes(p), [1]);
      c.sock.send(pattern(1, 2), 0, 1);
      p.poll();
      assert.deepEqual(sizes(p), [], 'held while the first small segment is unacknowledged');
      predictedSend(p, c.sock, { sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + 1), flags: F.Ack });
      assert.deepEqual(sizes(p), [1], 'sent with the ACK');
    });

    test('ackDelay 1: a small segment is acknowledged 1 ms later, not at once', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ sockOpts: { ackDelay: 1 } });
      predictedSend(p, c.sock, { seq: c.rcv, ack: c.snd, flags: F.Ack, data: pattern(10, 1) });
      assert.deepEqual(p.out(), [], 'no ACK at once');
      const t0 = p.now;
      const seen = p.until((s) => s.length > 0, 100, 'the delayed ACK');
      assert.equal(p.now - t0, 1);
      assert.equal(seen[0].ack, u32(c.rcv + 10));
    });

    test('the delayed ACK runs from the first unacknowledged segment, not the last', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ sockOpts: { ackDelay: 40 } });
      const t0 = p.now;
      predictedSend(p, c.sock, { seq: c.rcv, ack: c.snd, flags: F.Ack, data: pattern(10, 1) });
      p.now += 20;
      predictedSend(p, c.sock, { seq: u32(c.rcv + 10), ack: c.snd, flags: F.Ack, data: pattern(10, 2) });
      const seen = p.until((s) => s.length > 0, 200, 'the delayed ACK');
      assert.equal(p.now - t0, 40);
      assert.equal(seen[0].ack, u32(c.rcv + 20));
    });

    test('an ACK the device refused at time 0 is still sent in the poll of the next segment', () => {
      const p = craftedPeer(lib, { now: 0 });
      const c = p.accept({ mss: 500, sockOpts: { ackDelay: 40 } });
      // Two full segments: an immediate ACK, which the device refuses (twice: also the retry).
      let refuse = 2;
      const send = p.dev.transmit;
      p.dev.transmit = function (buf, off, len) {
        if (refuse > 0) { refuse--; return -1; }
        return send.call(this, buf, off, len);
      };
      const d = pattern(1010, 3);
      predictedSend(p, c.sock, { seq: c.rcv, ack: c.snd, flags: F.Ack, data: d.subarray(0, 500) });
      predictedSend(p, c.sock, { seq: u32(c.rcv + 500), ack: c.snd, flags: F.Ack, data: d.subarray(500, 1000) });
      assert.equal(refuse, 0, 'both tries refused');
      assert.deepEqual(p.out(), []);
      // A small segment, still at time 0: the owed ACK goes now, not 40 ms later.
      predictedSend(p, c.sock, { seq: u32(c.rcv + 1000), ack: c.snd, flags: F.Ack, data: d.subarray(1000, 1010) });
      const out = p.out();
      assert.equal(out.length, 1, 'the owed ACK, at once');
      assert.equal(out[0].ack, u32(c.rcv + 1010));
    });

    test('keep-alive: a predicted segment restarts the idle time', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ sockOpts: { keepAlive: 1000, keepAliveInterval: 1000, keepAliveProbes: 2, ackDelay: 0 } });
      const t0 = p.now;
      p.now += 500;
      predictedSend(p, c.sock, { seq: c.rcv, ack: c.snd, flags: F.Ack, data: pattern(10, 1) });
      p.out();
      p.until((s) => s.some((x) => x.seq === u32(c.snd - 1)), 5000, 'a keep-alive probe');
      assert.equal(p.now - t0, 1500, 'the idle time counted from the segment');
    });

    test('keep-alive: data answering a probe resets the count of unanswered probes', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ sockOpts: { keepAlive: 1000, keepAliveInterval: 1000, keepAliveProbes: 2, ackDelay: 0 } });
      const isProbe = (x) => x.seq === u32(c.snd - 1) && x.data.length === 0;
      p.until((s) => s.some(isProbe), 5000, 'the first probe');
      // The peer answers with data (not a bare ACK).
      predictedSend(p, c.sock, { seq: c.rcv, ack: c.snd, flags: F.Ack, data: pattern(10, 1) });
      p.out();
      // Then silence: two more probes (the count starts again), then TimedOut.
      let probes = 0;
      for (let i = 0; i < 10 && ST[c.sock.state] === 'Established'; i++) {
        p.step();
        probes += p.out().filter(isProbe).length;
      }
      assert.equal(ST[c.sock.state], 'Closed');
      assert.equal(c.sock.error, E.TimedOut);
      assert.equal(probes, 2, 'two probes after the data');
    });

    test('keepAlive 1 ms: probes 1 ms after the connection opens and 1 ms after a predicted segment', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ sockOpts: { keepAlive: 1, keepAliveInterval: 60000, ackDelay: 0 } });
      const isProbe = (x) => x.seq === u32(c.snd - 1) && x.data.length === 0;
      let t0 = p.now;
      p.until((s) => s.some(isProbe), 100, 'the first probe');
      assert.equal(p.now - t0, 1);
      p.now += 10;
      predictedSend(p, c.sock, { sport: 80, dport: c.port, seq: c.rcv, ack: c.snd, flags: F.Ack, data: pattern(10, 1) });
      p.out();
      t0 = p.now;
      p.until((s) => s.some(isProbe), 100, 'a probe after the segment');
      assert.equal(p.now - t0, 1);
      // A pure ACK of all our data (nothing left to send): again 1 ms.
      c.sock.send(pattern(100, 2), 0, 100);
      p.poll();
      p.out();
      p.now += 10;
      predictedSend(p, c.sock, { sport: 80, dport: c.port, seq: u32(c.rcv + 10), ack: u32(c.snd + 100), flags: F.Ack });
      t0 = p.now;
      p.until((s) => s.some((x) => x.seq === u32(c.snd + 99) && x.data.length === 0), 2000, 'a probe after the ACK');
      assert.equal(p.now - t0, 1);
    });

    test('one byte at rcvNxt acknowledging new data, with an out-of-order range held: the range joins it', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 500, sockOpts: { nagle: false } });
      c.sock.send(pattern(100, 1), 0, 100);
      p.poll();
      p.out();
      const d = pattern(11, 9);
      // Ten bytes past a one-byte hole, then the byte, which also acknowledges our 100 bytes.
      p.send({ sport: 80, dport: c.port, seq: u32(c.rcv + 1), ack: c.snd, flags: F.Ack, data: d.subarray(1) });
      p.out();
      p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + 100), flags: F.Ack, data: d.subarray(0, 1) });
      const acks = p.out().map((s) => s.ack);
      assert.deepEqual(acks, [u32(c.rcv + 11)], 'an immediate ACK of all 11 bytes');
      assert.deepEqual(recvAll(c.sock), d);
    });
  });
}
