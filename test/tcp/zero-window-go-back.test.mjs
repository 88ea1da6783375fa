// A zero window while data is still in flight, after a go-back, against a crafted peer
// (test/tcp/peer.mjs). A retransmission timeout sends the flight again from sndUna; the peer then
// acknowledges more than that retransmission covered (it held later segments) but not all, and
// closes its window: sndNxt moves up to the ACK, so nothing is sent beyond sndUna while data sent
// before is still unacknowledged, and the retransmission timer is running. One timer runs at a
// time (BSD's tcp_setpersist refuses to start the persist timer while the retransmission timer
// runs): each expiry doubles the interval once (RFC 6298 5.5; RFC 9293 3.8.6.1: probe intervals
// grow exponentially, SHLD-30), so the timer events come 2, 4, 8 and 16 s after the ACK, and
// what goes is a one-byte window probe at sndUna, never new data into the closed window
// (SHLD-15); the probes count as no timeouts (the connection is not given up for data the window
// does not take, SHLD-17). A persist timer armed beside the retransmission timer expired at the
// same time as it and doubled the RTO a second time (probes 8 and 16 s apart after the first).
// The first event is the first probe, one RTO after the window closed (SHLD-29): the closed window
// stops the retransmission timer and starts the persist timer (as BSD's output does).
// Both builds, with header prediction on and off (the ACK that closes the window takes the
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
    before(() => lib.socket.setTcpShortcuts(predict));
    after(() => lib.socket.setTcpShortcuts(true));

    test('one timer at a time: each expiry doubles the RTO once; window probes at sndUna', () => {
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
      // s2 is still unacknowledged: one RTO (2000 ms) after the ACK the first window probe, then
      // the next ones, each one RTO after the previous, the RTO doubled once at each.
      const events = [];
      for (let k = 0; k < 4; k++) {
        const wait = p.step();
        events.push([wait, c.sock.rtt.rto]);
        assert.deepEqual(data(), [[2000, 1]], 'a one-byte window probe at sndUna');
      }
      assert.deepEqual(events, [[2000, 4000], [4000, 8000], [8000, 16000], [16000, 32000]],
        'one timer at a time: [ms since the last event, RTO after it], one doubling per event');
      assert.equal(c.sock.stats[TIMEOUTS], 1, 'window probes are no timeouts');
      // The peer opens its window: s2 goes at once.
      p.now += 10;
      ack(2000, 65535);
      assert.deepEqual(data(), [[2000, 1000]], 's2 sent again');
    });
  });
}
