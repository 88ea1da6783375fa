// Shared by the stack scenario suites: the script around test/interp/scenarios/stack.js (after
// cable.js, which it uses) and the assertions on its RESULT lines.
import assert from 'node:assert/strict';
import { readRepo, results } from './engines.mjs';

/** The cable (scenarios/cable.js), to be put before any scenario that uses it. */
export const cableSource = readRepo('test/interp/scenarios/cable.js');
export const scenarioSource = cableSource + '\n' + readRepo('test/interp/scenarios/stack.js');
export const TCP_BYTES = 65536;
export const PACKETS = 10000;
const UDP_BYTES = 2 * (0 + 1 + 2 + 3 + 100 + 1000 + 1472);

/** The RESULT lines of a run, checked: every step present and ok, counts exact. Returns them by step. */
export function checkRun(r, { board, noAlloc, memory, nativeSum }) {
  const what = (r.out || '') + '\n' + (r.err || '');
  assert.equal(r.timedOut, false, 'the interpreter was killed after its time limit:\n' + what);
  const steps = {};
  for (const x of results(r.out)) steps[x.step] = x;
  const failed = Object.values(steps).find((x) => !x.ok);
  assert.equal(failed, undefined, 'step failed: ' + JSON.stringify(failed) + '\n' + what);
  assert.equal(r.code, 0, 'exit code ' + r.code + ':\n' + what);
  const want = ['start', 'dhcp', 'ping', 'udp', 'dns', 'tcp'].concat(memory ? ['memory'] : [], ['done']);
  assert.deepEqual(Object.keys(steps), want, 'steps run:\n' + what);
  assert.equal(steps.start.board, board);
  assert.equal(steps.start.noAlloc, noAlloc);
  assert.equal(steps.start.nativeSum, nativeSum, 'checksum by E.sum');
  assert.equal(steps.dhcp.address, '10.0.0.50');
  assert.equal(steps.ping.echoes, 5);
  assert.equal(steps.udp.datagrams, 14);
  assert.equal(steps.udp.bytes, UDP_BYTES);
  assert.equal(steps.dns.address, '10.0.0.77');
  assert.equal(steps.dns.nxdomain, -16, 'NXDOMAIN is NotFound');
  assert.equal(steps.tcp.bytesUp, TCP_BYTES);
  assert.equal(steps.tcp.bytesDown, TCP_BYTES);
  assert.equal(steps.tcp.ring, 2048);
  assert.ok(steps.tcp.cable.lost > 0 && steps.tcp.cable.reordered > 0 && steps.tcp.cable.duplicated > 0 && steps.tcp.cable.corrupted > 0,
    'the TCP cable was lossy: ' + JSON.stringify(steps.tcp.cable));
  if (memory) {
    assert.equal(steps.memory.packets, PACKETS);
    const { before, after } = steps.memory;
    assert.equal(after, before, 'memory blocks ' + before + ' before and ' + after + ' after ' + PACKETS + ' packets');
  }
  return steps;
}

/** One line for the test log: wall time, TCP speed, memory. */
export function summary(file, ms, s) {
  return file + ': ' + (ms / 1000).toFixed(1) + ' s, TCP ' + s.tcp.wallMsUp.toFixed(0) + ' + ' + s.tcp.wallMsDown.toFixed(0) +
    ' ms (' + s.tcp.kBps + ' KB/s)' + (s.memory ? ', memory ' + s.memory.before + ' -> ' + s.memory.after + ' blocks' : '');
}
