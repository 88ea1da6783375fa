// Window probes against a closed window, against a crafted peer (test/tcp/peer.mjs): a peer that
// answers each probe (its window still closed) keeps the connection open however long it lasts
// (RFC 9293 3.8.6.1: the sender must allow the window to stay zero indefinitely); a peer that
// stops answering is given up, TimedOut, after maxRetries probes go unanswered, as it would be
// after that many unanswered retransmissions. Before, the probes went on for ever. Both builds.
// MSS 1000, RTO 200 ms (no RTT sample), maxRetries 3.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP window probes that nobody answers', () => {
    const F = lib.wire.TCP_FLAGS, E = lib.socket.SOCKET_ERRORS, ST = lib.socket.TCP_STATES;

    test('answered probes keep the connection; three unanswered ones close it, TimedOut', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 1000, window: 0, sockOpts: { nagle: false, initialRto: 200, minRto: 200, maxRto: 1000, maxRetries: 3, txBytes: 4096 } });
      const closedWindow = () => p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: c.snd, flags: F.Ack, window: 0 });
      assert.equal(c.sock.send(pattern(1000, 1), 0, 1000), 1000);
      p.poll();
      assert.deepEqual(p.out(), [], 'nothing into the closed window');
      const probe = () => p.until((s) => s.length > 0, 60000, 'a window probe').map((s) => [u32(s.seq - c.snd), s.data.length]);
      // Ten probes, each answered: still open.
      for (let k = 0; k < 10; k++) {
        assert.deepEqual(probe(), [[0, 1]]);
        closedWindow();
      }
      assert.equal(ST[c.sock.state], 'Established');
      // Then silence: three more probes, and at the fourth expiry the connection gives up.
      for (let k = 0; k < 3; k++) assert.deepEqual(probe(), [[0, 1]]);
      const atGiveUp = p.until(() => ST[c.sock.state] === 'Closed', 60000, 'the give-up');
      assert.equal(c.sock.error, E.TimedOut);
      assert.deepEqual(atGiveUp.concat(p.out()), [], 'no fourth probe');
      assert.equal(p.iface.pollAt(p.now), -1, 'no timer left');
    });
  });
}
