// Bulk TCP transfers between two interfaces, byte-exact: a clean wire, a hostile wire (10% loss,
// 10% reordering, 5% duplication, 1% corruption), a receive window smaller than the MSS, and
// sequence numbers that wrap during the transfer; on both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { tcpPair, pattern, transfer } from './pair.mjs';

const MiB = 1 << 20;
const HOSTILE = { loss: 0.1, reorder: 0.1, duplicate: 0.05, corrupt: 0.01, delayMs: 1, reorderMs: 4 };

function session(lib, opts = {}) {
  const p = tcpPair(lib, opts);
  const srv = new lib.socket.TcpSocket(opts.srv), cli = new lib.socket.TcpSocket(opts.cli);
  p.B.add(srv);
  p.A.add(cli);
  srv.listen(5001);
  if (opts.isn !== undefined) { cli.isnOverride = opts.isn; srv.isnOverride = opts.isn2 === undefined ? opts.isn : opts.isn2; }
  cli.connect(p.ipB, 5001);
  p.run({ idleAfterMs: 60000 });
  assert.equal(lib.socket.TCP_STATES[cli.state], 'Established');
  assert.equal(lib.socket.TCP_STATES[srv.state], 'Established');
  return { ...p, srv, cli };
}

function sameBytes(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

for (const { name, lib } of builds) {
  describe(name + ': TCP transfers', () => {
    const bufs = { txBytes: 16384, rxBytes: 16384 };

    test('1 MiB each way on a clean wire', () => {
      const s = session(lib, { srv: bufs, cli: bufs });
      const up = pattern(MiB, 1), down = pattern(MiB, 2);
      assert.ok(sameBytes(transfer(s, s.cli, s.srv, up, { close: false }).got, up));
      assert.ok(sameBytes(transfer(s, s.srv, s.cli, down, { close: false }).got, down));
    });

    test('1 MiB each way over 10% loss, 10% reordering, 5% duplication, 1% corruption', () => {
      const s = session(lib, { faults: HOSTILE, srv: bufs, cli: bufs, seed: 99 });
      const up = pattern(MiB, 3), down = pattern(MiB, 4);
      const r1 = transfer(s, s.cli, s.srv, up, { close: false });
      assert.ok(sameBytes(r1.got, up), 'client to server byte-exact');
      const r2 = transfer(s, s.srv, s.cli, down, { close: false });
      assert.ok(sameBytes(r2.got, down), 'server to client byte-exact');
      assert.ok(s.wire.stats.lost > 100 && s.wire.stats.corrupted > 10 && s.wire.stats.duplicated > 50, JSON.stringify(s.wire.stats));
      const R = lib.iface.RESULTS;
      assert.ok(s.A.counters[R.TcpBadChecksum] + s.B.counters[R.TcpBadChecksum] + s.A.counters[R.IpBadChecksum] + s.B.counters[R.IpBadChecksum] > 0, 'corrupted frames were caught by checksums');
    });

    test('1 MiB each way over the hostile wire with a receive window smaller than the MSS', () => {
      const small = { txBytes: 8192, rxBytes: 1000 };
      const s = session(lib, { faults: HOSTILE, srv: small, cli: small, seed: 5 });
      assert.ok(s.cli.sndMss > 1000, 'MSS ' + s.cli.sndMss + ' exceeds the 1000-byte window');
      const up = pattern(MiB, 5), down = pattern(MiB, 6);
      assert.ok(sameBytes(transfer(s, s.cli, s.srv, up, { close: false }).got, up));
      assert.ok(sameBytes(transfer(s, s.srv, s.cli, down, { close: false }).got, down));
    });

    test('sequence numbers wrap during a transfer (ISNs just below 2^32)', () => {
      const s = session(lib, { srv: bufs, cli: bufs, isn: 0xffffff00, isn2: 0xfffff000 });
      const up = pattern(256 * 1024, 7), down = pattern(256 * 1024, 8);
      assert.ok(sameBytes(transfer(s, s.cli, s.srv, up, { close: false }).got, up));
      assert.ok(sameBytes(transfer(s, s.srv, s.cli, down, { close: false }).got, down));
      assert.ok(s.cli.sndUna < 0x10000000 && s.srv.sndUna < 0x10000000, 'both send sequences wrapped past 0');
    });

    test('a transfer ending with close: FIN after the data, end of stream seen', () => {
      const s = session(lib, { faults: { loss: 0.05 }, srv: bufs, cli: bufs, seed: 11 });
      const up = pattern(100000, 9);
      const r = transfer(s, s.cli, s.srv, up, { close: true });
      assert.ok(sameBytes(r.got, up));
      assert.equal(s.srv.recv(new Uint8Array(1), 0, 1), lib.socket.SOCKET_ERRORS.Closed);
    });
  });
}
