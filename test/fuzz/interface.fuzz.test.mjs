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
