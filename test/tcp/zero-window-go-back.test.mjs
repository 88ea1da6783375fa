// A zero window while data is still in flight, after a go-back, against a crafted peer
// (test/tcp/peer.mjs). A retransmission timeout sends the flight again from sndUna; the peer then
// acknowledges more than that retransmission covered (it held later segments) but not all, and
// closes its window: sndNxt moves up to the ACK, so nothing of the window is in use while data
// sent before is still unacknowledged. Then the retransmission timer, not a persist timer beside
// it, is what runs (as in BSD, where the persist timer is armed only with the retransmission timer
// off): one timer at a time, and each expiry doubles the interval once (RFC 6298 5.5; RFC 9293
// 3.8.6.1, SHLD-30: probe intervals grow exponentially). What goes is a one-byte window probe at
// sndUna, never new data into the closed window (SHLD-15), and the probes do not count as timeouts
// (the connection is not given up for data the window does not take, SHLD-17). A persist timer
// armed beside the retransmission timer expired at the same time and doubled the RTO a second
// time. Both builds, with header prediction on and off (the ACK that closes the window takes the
// shortcut or onAck). MSS 1000, no RTT sample (the RTO is the initial 1000 ms, then backed off).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;
const TIMEOUTS = 0; // TcpStat.Timeouts

for (const { name, lib } of builds) for (const predict of [true, false]) {
  describe(name + ': TCP zero window with data in flight after a go-back' + (predict ? '' : ' (header prediction off)'), () => {
    const F = lib.wire.TCP_FLAGS;
    before(() => lib.socket.setHeaderPrediction(predict));
    after(() => lib.socket.setHeaderPrediction(true));

    test('the retransmission timer runs alone: one doubling per expiry, then window probes at sndUna', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 1000, sockOpts: { nagle: false, initialRto: 1000, minRto: 100, txBytes: 16384 } });
      const ack = (n, window) => p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + n), flags: F.Ack, window });
      const data = () => p.out().filter((s) => s.data.length).map((s) => [u32(s.seq - c.snd), s.data.length]);
      assert.equal(c.sock.send(pattern(3000, 1), 0, 3000), 3000);
      p.poll();
      assert.deepEqual(data(), [[0, 1000], [1000, 1000], [2000, 1000]], 's0, s1, s2 in flight');
      // Nothing answers: the timeout (1000 ms) goes back to s0, with cwnd one segment.
      assert.equal(p.step(), 1000);
      assert.deepEqual(data(), [[0, 1000]], 'the go-back retransmits s0');
      assert.equal(c.sock.stats[TIMEOUTS], 1);
      assert.equal(c.sock.rtt.rto, 2000, 'backed off once');
      // The peer held s1: it acknowledges s0 and s1 (not s2) and closes its window.
      p.now += 10;
      ack(2000, 0);
      assert.deepEqual(data(), [], 'nothing into the closed window');
      // s2 is still unacknowledged: the retransmission timer expires one RTO (2000 ms) later and
      // doubles the RTO once.
      assert.equal(p.step(), 2000, 'the retransmission timer, one RTO after the ACK');
      assert.equal(c.sock.stats[TIMEOUTS], 2);
      assert.equal(c.sock.rtt.rto, 4000, 'one expiry, one doubling');
      for (const [seq, len] of data()) assert.deepEqual([seq, len], [2000, 1], 'at most a window probe at sndUna');
      // Then window probes, each one RTO after the previous timer expiry, the RTO doubled at each.
      for (const wait of [4000, 8000, 16000]) {
        assert.equal(p.step(), wait, 'the next timer, one RTO on');
        assert.deepEqual(data(), [[2000, 1]], 'a one-byte window probe at sndUna');
        assert.equal(c.sock.rtt.rto, 2 * wait, 'doubled once');
      }
      assert.equal(c.sock.stats[TIMEOUTS], 2, 'window probes are no timeouts');
      // The peer opens its window: s2 goes at once.
      p.now += 10;
      ack(2000, 65535);
      assert.deepEqual(data(), [[2000, 1000]], 's2 sent again');
    });
  });
}
