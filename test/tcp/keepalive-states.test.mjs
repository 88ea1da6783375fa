// Keep-alive only in ESTABLISHED (RFC 9293 3.8.4), against a crafted peer (test/tcp/peer.mjs): once
// the peer's FIN moved the connection to CLOSE-WAIT, the idle timer sends no probe (the
// application is to close), and nothing times the connection out. Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';

for (const { name, lib } of builds) {
  describe(name + ': TCP keep-alive outside ESTABLISHED', () => {
    const F = lib.wire.TCP_FLAGS;
    const ST = lib.socket.TCP_STATES;
    test('in CLOSE-WAIT the idle time passes without keep-alive probes', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ sockOpts: { keepAlive: 500, keepAliveInterval: 500, keepAliveProbes: 2 } });
      p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: c.snd, flags: F.Ack | F.Fin, window: 65535 });
      assert.equal(ST[c.sock.state], 'CloseWait');
      p.out();
      const t0 = p.now;
      for (let i = 0; i < 10; i++) p.step(500);
      assert.ok(p.now - t0 >= 2000, 'time passed');
      assert.deepEqual(p.out().filter((s) => s.seq === ((c.snd - 1) >>> 0)), [], 'no keep-alive probe');
      assert.equal(ST[c.sock.state], 'CloseWait', 'not timed out');
    });
  });
}
