// A TcpSocket and an Interface have every property from their construction on, in the order their
// constructors make them, the fields read most per segment first: on Espruino a property is found
// by a walk over the object's properties in creation order, so a field made later (on first use)
// would be found last, and making it on the packet path would allocate there. Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { tcpPair, pattern, transfer } from './pair.mjs';

// Socket's own fields come first (its constructor runs first); then TcpSocket's hottest.
const BASE = ['slot', 'handle', 'set', 'localAddr', 'localPort', 'remoteAddr', 'remotePort', 'listenPort', 'table', 'kind'];
const HOT = ['flags', 'state', 'ts', 'ackAt', 'rx', 'rcvNxt', 'sndNxt', 'sndUna', 'sndWnd', 'rtoAt', 'tx'];
const IFACE_HOT = ['polling', 'now', 'set', 'ipAddr', 'txBuf', 'device', 'framesPerPoll', 'arpRetryAt', 'counters', 'rxBuf', 'services', 'subnetBcast',
  'neighbors', 'txEth', 'ident', 'txTcp', 'l4Offset', 'mtu', 'netmask'];

for (const { name, lib } of builds) {
  describe(name + ': TcpSocket and Interface fields', () => {
    test('a new socket and interface have their fields hottest first, and no connection adds or reorders one', () => {
      const keysOf = (o) => Object.keys(o).join(' ');
      const fresh = new lib.socket.TcpSocket();
      const keys = Object.keys(fresh);
      assert.deepEqual(keys.slice(0, BASE.length + HOT.length), BASE.concat(HOT));

      // A lossy, reordering, duplicating wire both ways (recovery, SACK, timestamps, undo), a small
      // receive ring (persist), keep-alive, then a close from each side (FIN, TIME-WAIT).
      const p = tcpPair(lib, { faults: { delayMs: 3, loss: 0.05, reorder: 0.1, reorderMs: 4, duplicate: 0.02 }, seed: 11 });
      const ifaceKeys = Object.keys(p.A);
      assert.deepEqual(ifaceKeys.slice(0, IFACE_HOT.length), IFACE_HOT);
      assert.equal(keysOf(p.B), ifaceKeys.join(' '));
      const srv = new lib.socket.TcpSocket({ rxBytes: 2048, txBytes: 8192, keepAlive: 500, keepAliveInterval: 2000 });
      const cli = new lib.socket.TcpSocket({ rxBytes: 4096, txBytes: 8192, keepAlive: 700 });
      assert.equal(keysOf(srv), keys.join(' '));
      p.B.add(srv);
      p.A.add(cli);
      assert.equal(srv.listen(5001), 0);
      assert.equal(cli.connect(p.ipB, 5001), 0);
      p.run({ until: () => cli.state === srv.state && lib.socket.TCP_STATES[srv.state] === 'Established', maxMs: 60000 });
      const up = pattern(60000, 5), down = pattern(30000, 6);
      assert.deepEqual(transfer(p, cli, srv, up, { close: false }).got, up);
      assert.deepEqual(transfer(p, srv, cli, down, { close: false }).got, down);
      const idle = p.wire.now;
      p.run({ until: () => p.wire.now > idle + 3000, maxMs: 10000 }); // keep-alive probes, answered
      assert.equal(lib.socket.TCP_STATES[srv.state], 'Established');
      cli.close();
      srv.close();
      p.run({ until: () => cli.state === 0 && srv.state === 0, maxMs: 600000 });
      assert.ok(cli.stats[1] + cli.stats[0] + srv.stats[1] + srv.stats[0] > 0, 'the wire made someone recover from a loss');
      for (const [who, s] of [['client', cli], ['server', srv]]) assert.equal(keysOf(s), keys.join(' '), who + ' after a connection');
      for (const [who, i] of [['client', p.A], ['server', p.B]]) assert.equal(keysOf(i), ifaceKeys.join(' '), who + ' interface after a connection');
    });
  });
}
