// Timers due at time 0, against a crafted peer (test/tcp/peer.mjs) whose clock starts at 0: an
// ACK the device refused at time 0 is owed from 0 (ackAt = 0, a valid time, not "none"), so the
// next poll sends it, though a later timer (keep-alive, persist) is armed too; and a segment
// sent at time 0 is timed for the RTT (rttTime 0 is a time, not "none"). Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer, refuseFrames } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP timers at time 0', () => {
    const F = lib.wire.TCP_FLAGS;
    for (const [what, opts, window] of [
      ['keep-alive', { keepAlive: 5000, keepAliveInterval: 1000, keepAliveProbes: 3 }, 65535],
      ['persist', {}, 0],
    ]) {
      test('an ACK refused at time 0 goes at the next poll, before the ' + what + ' timer', () => {
        const p = craftedPeer(lib, { now: 0 });
        const c = p.connect({ window, sockOpts: { ackDelay: 0, initialRto: 3000, ...opts } });
        if (window === 0) {
          assert.equal(c.sock.send(pattern(100, 1), 0, 100), 100);
          p.poll();
          assert.deepEqual(p.out().filter((s) => s.data.length), [], 'the window is closed: the persist timer is armed');
        }
        const refuse = refuseFrames(p, 1);
        p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: c.snd, flags: F.Ack, window, data: pattern(10, 2) });
        assert.equal(refuse.n, 0, 'the ACK was refused');
        assert.deepEqual(p.out(), []);
        assert.equal(p.iface.pollAt(p.now), 0, 'due at 0');
        p.step();
        assert.equal(p.now, 0, 'no time passed');
        const acks = p.out();
        assert.equal(acks.length, 1, 'the owed ACK');
        assert.equal(acks[0].ack, u32(c.rcv + 10));
      });
    }

    test('a segment sent at time 0 is the one timed: its ACK gives the RTT sample', () => {
      const p = craftedPeer(lib, { now: 0 });
      const c = p.connect({ sockOpts: { nagle: false, initialRto: 3000 } });
      const ack = (n) => p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + n), flags: F.Ack, window: 65535 });
      c.sock.send(pattern(100, 1), 0, 100);
      p.poll();
      p.now = 50;
      c.sock.send(pattern(100, 2), 0, 100);
      p.poll();
      assert.equal(p.out().filter((s) => s.data.length).length, 2);
      p.now = 100;
      ack(100);
      assert.equal(c.sock.rtt.srtt, 100, 'the first segment, sent at 0, timed: 100 ms');
      p.now = 120;
      ack(200);
      assert.equal(c.sock.rtt.srtt, 100, 'the second was not timed');
    });
  });
}
