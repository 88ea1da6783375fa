// The interface fuzz campaign in CI: both builds, fixed seeds, bounded so that both together take well
// under a minute. The long mode is `npm run fuzz -- --frames 1000000` (test/fuzz/run.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { runCampaign } from './campaign.mjs';

const FRAMES = Number(process.env.FUZZ_FRAMES || 120000);
const SEED = Number(process.env.FUZZ_SEED || 20261201);

for (const { name, lib } of builds) {
  test(`${name}: ${FRAMES} fuzzed frames with API calls and time jumps keep every invariant`, () => {
    const s = runCampaign(lib, { seed: SEED, frames: FRAMES });
    console.log(`# ${name}: ${s.frames} frames, ${s.steps} steps, ${s.apiCalls} API calls, ${s.episodes} episodes, ${(s.ms / 1000).toFixed(1)} s; ` +
      `drop reasons ${s.dropReasons.length}/${s.dropReasons.length + s.dropReasonsMissed.length}; to sockets ${JSON.stringify(s.deliveredTo)}; ` +
      `TCP segments by state ${JSON.stringify(s.tcpSegmentsInState)}; states reached ${s.tcpStatesReached.length}, transitions ${s.tcpTransitions}`);
    assert.ok(s.frames >= FRAMES);
    // The campaign must keep reaching deep: every drop reason of the receive path, every TCP state,
    // and packets handed to every kind of socket.
    assert.deepEqual(s.dropReasonsMissed, [], 'drop reasons never hit');
    assert.equal(s.tcpStatesReached.length, 11, 'TCP states reached: ' + s.tcpStatesReached);
    for (const k of ['tcp', 'udp', 'raw', 'icmp']) assert.ok(s.deliveredTo[k] > 0, `no packet reached a ${k} socket`);
    assert.ok(s.tcpSegmentsInState.Established > 100, 'segments into Established connections');
  });
}

// The checker itself: a fault planted in each structure it watches is reported.
import { checkInterface, snapshotSizes, checkSizes } from './invariants.mjs';
import { captureDevice } from '../iface/frames.mjs';

for (const { name, lib } of builds) {
  test(`${name}: the invariant checker reports planted faults`, () => {
    const S = lib.socket;
    const make = () => {
      const iface = new lib.iface.Interface({ device: captureDevice(), ip: '10.0.0.1', sockets: 4, seed: 3 });
      const u = new S.UdpSocket(), t = new S.TcpSocket(), v = new S.UdpSocket();
      for (const s of [u, t, v]) iface.add(s);
      u.bind(53);
      t.listen(80);
      u.rx.push(new Uint8Array(8), 0, 8, 1, 2, 0);
      const pool = [u, t, v];
      return { iface, u, t, v, pool, snap: snapshotSizes(iface, pool) };
    };
    const clean = make();
    checkInterface(lib, clean.iface, 'clean');
    checkSizes(lib, clean.iface, clean.pool, clean.snap, 'clean');
    const R = lib.iface.RESULTS;
    const faults = {
      'a frame counted under no result': (x) => { x.iface.counters[R.Frames]++; },
      'a dirty empty slot': (x) => { x.iface.set.dirty[3] = 1; },
      'a deadline on an empty slot': (x) => { x.iface.set.deadline[3] = 5; },
      'a socket whose table field lies': (x) => { x.v.localPort = 53; x.v.table = 1; },
      'a listener the lookup cannot find': (x) => { x.t.localPort = 81; },
      'a ring that lost count of its packets': (x) => { x.u.rx.count = 2; },
      'a byte ring longer than its memory': (x) => { x.t.rx.length = x.t.rx.capacity + 1; },
      'a replaced socket buffer': (x) => { x.u.rx.mem = new Uint8Array(x.u.rx.mem.length); },
    };
    // NO_ALLOC looks up by scanning the slots: there is no table to fall out of.
    if (lib.noAlloc) delete faults['a listener the lookup cannot find'];
    for (const [what, plant] of Object.entries(faults)) {
      const x = make();
      plant(x);
      assert.throws(() => { checkInterface(lib, x.iface, 'x'); checkSizes(lib, x.iface, x.pool, x.snap, 'x'); }, Error, what);
    }
  });
}
