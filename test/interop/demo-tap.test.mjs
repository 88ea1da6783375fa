// `npm run demo -- --tap` stopped and restarted: Ctrl-C (SIGINT to the process group, as a
// terminal sends it) and SIGTERM end socat and remove the TAP every time; a start that finds the
// TAP of an earlier demo (its socat still running, or the interface alone) says so in one line,
// removes it and works (the kernel's ping is answered). Each run is in its own network namespace,
// so the host's network and other runs are untouched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { interopSkipReason, root } from './harness.mjs';
import { createNetns } from '../../boards/node-sim/netns.mjs';
import { waitFor, waitForExit, linkInfo } from '../../boards/node-sim/wait.mjs';

const skip = interopSkipReason();
const TAP = 'tcpipdemo0';
const BOARD = '192.168.213.2';

const nsPids = (ns) => (spawnSync('ip', ['netns', 'pids', ns], { encoding: 'utf8' }).stdout || '').split(/\s+/).filter(Boolean).map(Number);
const comm = (pid) => { try { return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim(); } catch (e) { return null; } };
const socatsIn = (ns) => nsPids(ns).filter((p) => comm(p) === 'socat');

/** Starts the demo with --tap in `ns` (its own process group, like a shell job); resolves once
 *  its banner says it is ready. */
async function startDemo(ns, dir) {
  const child = spawn('ip', ['netns', 'exec', ns, process.execPath, path.join(root, 'boards', 'node-sim', 'demo.mjs'), '--tap', `--pcap=${path.join(dir, 'demo.pcap')}`], {
    stdio: ['ignore', 'pipe', 'pipe'], detached: true,
  });
  child.out = '';
  child.stdout.on('data', (d) => { child.out += d; });
  child.stderr.on('data', (d) => { child.out += d; });
  await waitFor(() => {
    if (child.exitCode !== null) throw new Error(`the demo exited (${child.exitCode}) before its banner:\n${child.out}`);
    return /Ctrl-C to stop/.test(child.out);
  }, 20000, () => `the demo's banner ("Ctrl-C to stop"); output so far:\n${child.out}`, { everyMs: 20 });
  return child;
}

function kernelPing(ns) {
  return spawnSync('ip', ['netns', 'exec', ns, 'ping', '-c', '1', '-W', '2', BOARD], { encoding: 'utf8' });
}

/** Stops the demo with `signal` (to the group for SIGINT, like Ctrl-C) and checks nothing is left. */
async function stopAndCheck(ns, demo, signal) {
  const socats = socatsIn(ns);
  assert.equal(socats.length, 1, `one socat while the demo runs (pids in the namespace: ${nsPids(ns)})`);
  if (signal === 'SIGINT') process.kill(-demo.pid, 'SIGINT');
  else demo.kill(signal);
  const st = await waitForExit(demo, 10000);
  assert.equal(st.killed, undefined, `the demo did not exit within 10 s of ${signal}:\n${demo.out}`);
  assert.equal(st.code, 0, `demo exit after ${signal}:\n${demo.out}`);
  assert.match(demo.out, new RegExp(`stopped \\(${signal}\\); socat exited .*; TAP ${TAP} removed`));
  assert.deepEqual(socatsIn(ns), [], 'no socat left');
  assert.deepEqual(nsPids(ns), [], 'no process left in the namespace');
  assert.equal(linkInfo(TAP, ns), null, `no ${TAP} left (ip link)`);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  test(`demo --tap: ${signal === 'SIGINT' ? 'Ctrl-C (SIGINT to the group)' : 'SIGTERM'} ends socat and removes the TAP`, { skip: skip || false, timeout: 60000 }, async () => {
    const ns = createNetns('tcpdemo');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-tap-'));
    try {
      const demo = await startDemo(ns.name, dir);
      assert.ok(linkInfo(TAP, ns.name), 'the TAP exists while the demo runs');
      const p = kernelPing(ns.name);
      assert.equal(p.status, 0, `ping ${BOARD}: ${p.stdout}${p.stderr}\n${demo.out}`);
      await stopAndCheck(ns.name, demo, signal);
    } finally {
      ns.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

const leftovers = {
  // An earlier demo's socat still holding the TAP (as when Node was killed with SIGKILL).
  'its socat still running': (ns) => {
    const s = spawn('ip', ['netns', 'exec', ns, 'socat', '-d', `TUN:192.168.213.1/24,tun-type=tap,iff-up,iff-no-pi,tun-name=${TAP}`, 'UDP-DATAGRAM:127.0.0.1:9,bind=127.0.0.1:0'], { stdio: 'ignore' });
    return waitFor(() => {
      if (s.exitCode !== null) throw new Error(`the leftover socat exited (${s.exitCode})`);
      return /LOWER_UP/.test(linkInfo(TAP, ns) || '');
    }, 5000, 'the leftover socat\'s TAP to come up', { everyMs: 20 });
  },
  // A persistent TAP nobody holds.
  'the interface alone': (ns) => {
    const r = spawnSync('ip', ['-n', ns, 'tuntap', 'add', 'dev', TAP, 'mode', 'tap'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  },
};

for (const [what, make] of Object.entries(leftovers)) {
  test(`demo --tap: a leftover TAP (${what}) is reported and recovered`, { skip: skip || false, timeout: 60000 }, async () => {
    const ns = createNetns('tcpdemo');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-tap-'));
    try {
      await make(ns.name);
      assert.ok(linkInfo(TAP, ns.name), 'the leftover exists');
      const demo = await startDemo(ns.name, dir);
      const said = demo.out.split('\n').filter((l) => /leftover/.test(l));
      assert.equal(said.length, 1, `one line about the leftover:\n${demo.out}`);
      assert.match(said[0], new RegExp(`found a leftover TAP ${TAP} from an earlier demo.*removing it`));
      const p = kernelPing(ns.name);
      assert.equal(p.status, 0, `after the recovery, ping ${BOARD}: ${p.stdout}${p.stderr}\n${demo.out}`);
      await stopAndCheck(ns.name, demo, 'SIGINT');
    } finally {
      ns.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
