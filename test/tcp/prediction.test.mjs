// TCP's shortcuts: header prediction (TcpSocket.predicted) is a shortcut of the full receive path,
// sendData's plain path one of its full loop (sendAny). The same connections, run once with them
// and once without (setTcpShortcuts(false)), must put the same frames on the wire at the same times
// and end in the same socket state; and with them on, the usual segments (in-order data, ACKs of
// new data) must take header prediction, and most sends the plain path. On both builds; on a clean wire, with
// data both ways at once, with delayed and immediate ACKs, and on a lossy, reordering wire, where
// segments leave and rejoin the shortcut.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { tcpPair, pattern, transfer } from './pair.mjs';

const PREDICTED = 4; // TcpStat.Predicted
const PLAIN = 5; // TcpStat.PlainSends
const FAULTY = { loss: 0.05, reorder: 0.05, duplicate: 0.02, delayMs: 1, reorderMs: 3 };

/** Every number and boolean field of a TCP socket and of its parts (rings, timestamps, RTT). */
function snapshot(s) {
  const out = {};
  const take = (prefix, o) => {
    for (const k of Object.keys(o)) {
      const v = o[k];
      if (typeof v === 'number' || typeof v === 'boolean') out[prefix + k] = v;
    }
  };
  take('', s);
  for (const part of ['tx', 'rx', 'ooo', 'sacks', 'ts', 'rtt']) take(part + '.', s[part]);
  out.stats = Array.from(s.stats.subarray(0, PREDICTED));
  return out;
}

/** Data both ways at once (each segment carries data and acknowledges the other side's):
 *  returns what each side received. */
function exchange(p, a, b, ab, ba) {
  const gotAB = new Uint8Array(ab.length), gotBA = new Uint8Array(ba.length), buf = new Uint8Array(8192);
  let sa = 0, sb = 0, ra = 0, rb = 0;
  for (let step = 0; step < 1e6; step++) {
    if (sa < ab.length) sa += Math.max(0, a.send(ab, sa, ab.length - sa));
    if (sb < ba.length) sb += Math.max(0, b.send(ba, sb, ba.length - sb));
    let busy = p.A.poll(p.wire.now);
    if (p.B.poll(p.wire.now)) busy = true;
    for (let n; (n = b.recv(buf, 0, buf.length)) > 0; busy = true) { gotAB.set(buf.subarray(0, n), rb); rb += n; }
    for (let n; (n = a.recv(buf, 0, buf.length)) > 0; busy = true) { gotBA.set(buf.subarray(0, n), ra); ra += n; }
    if (ra === ba.length && rb === ab.length) return { ab: gotAB, ba: gotBA };
    if (busy) continue;
    let t = p.wire.nextArrival();
    for (const i of [p.A, p.B]) {
      const d = i.pollAt(p.wire.now);
      if (d >= 0 && (t < 0 || d < t)) t = d;
    }
    if (t < 0) throw new Error('exchange stalled: ' + rb + ' and ' + ra + ' bytes');
    if (t > p.wire.now) p.wire.now = t;
  }
  throw new Error('exchange: step limit');
}

/** Runs one session and returns its frames (time and bytes), the sockets' end state and how many
 *  segments took the shortcut. */
function run(lib, predict, { faults = {}, both = false, srvOpts = {}, cliOpts = {}, kb = 48 } = {}) {
  lib.socket.setTcpShortcuts(predict);
  try {
    const p = tcpPair(lib, { faults, seed: 5 });
    const frames = [];
    const carry = p.wire.carry.bind(p.wire);
    p.wire.carry = (from, bytes) => {
      frames.push(p.wire.now + ' ' + Buffer.from(bytes).toString('hex'));
      carry(from, bytes);
    };
    const srv = new lib.socket.TcpSocket({ txBytes: 4096, rxBytes: 4096, ...srvOpts });
    const cli = new lib.socket.TcpSocket({ txBytes: 4096, rxBytes: 4096, ...cliOpts });
    p.B.add(srv);
    p.A.add(cli);
    srv.listen(5001);
    cli.connect(p.ipB, 5001);
    p.run({ idleAfterMs: 1000 });
    assert.equal(lib.socket.TCP_STATES[cli.state], 'Established');
    const up = pattern(kb * 1024, 3), down = pattern(kb * 1024, 4);
    let mid;
    if (both) {
      const r = exchange(p, cli, srv, up, down);
      assert.deepEqual(r.ab, up);
      assert.deepEqual(r.ba, down);
      mid = [snapshot(cli), snapshot(srv)];
      cli.close();
      srv.close();
    } else {
      assert.deepEqual(transfer(p, cli, srv, up, { close: false }).got, up);
      mid = [snapshot(cli), snapshot(srv)];
      cli.close();
      srv.close();
    }
    p.run({ idleAfterMs: 100000 });
    return { frames, mid, cli: snapshot(cli), srv: snapshot(srv), predicted: cli.stats[PREDICTED] + srv.stats[PREDICTED],
      plain: cli.stats[PLAIN] + srv.stats[PLAIN] };
  } finally {
    lib.socket.setTcpShortcuts(true);
  }
}

function same(lib, opts) {
  const on = run(lib, true, opts), off = run(lib, false, opts);
  assert.equal(off.predicted, 0, 'with prediction off no segment is counted');
  assert.equal(off.plain, 0, 'with the shortcuts off no send takes the plain path');
  assert.equal(on.frames.length, off.frames.length, 'as many frames with prediction as without');
  for (let i = 0; i < on.frames.length; i++) assert.equal(on.frames[i], off.frames[i], 'frame ' + i + ' differs');
  assert.deepEqual(on.mid, off.mid, 'state after the transfer');
  assert.deepEqual(on.cli, off.cli, 'client state');
  assert.deepEqual(on.srv, off.srv, 'server state');
  return on;
}

for (const { name, lib } of builds) {
  describe(name + ': TCP shortcuts (header prediction, plain send)', () => {
    test('clean wire, delayed ACKs: the same frames and state, and most segments predicted', () => {
      const on = same(lib, {});
      // 34 data segments and their ACKs; the handshake, window updates, the FINs go the full way.
      assert.ok(on.predicted >= 40, 'predicted segments: ' + on.predicted);
      assert.ok(on.plain >= 20 && on.plain < 1000, 'sends on the plain path: ' + on.plain);
    });

    test('clean wire, every segment ACKed at once', () => {
      const on = same(lib, { srvOpts: { ackDelay: 0 }, cliOpts: { ackDelay: 0 } });
      assert.ok(on.predicted >= 50, 'predicted segments: ' + on.predicted);
      assert.ok(on.plain >= 10 && on.plain < 1000, 'sends on the plain path: ' + on.plain);
    });

    test('data both ways at once', () => {
      const on = same(lib, { both: true, kb: 24 });
      assert.ok(on.predicted >= 40, 'predicted segments: ' + on.predicted);
      assert.ok(on.plain >= 15 && on.plain < 1000, 'sends on the plain path: ' + on.plain);
    });

    test('loss, reordering and duplicates: recovery leaves the shortcut and returns to it', () => {
      const on = same(lib, { faults: FAULTY });
      assert.ok(on.predicted >= 20, 'predicted segments: ' + on.predicted);
      assert.ok(on.plain >= 12 && on.plain < 1000, 'sends on the plain path: ' + on.plain);
    });
  });
}
