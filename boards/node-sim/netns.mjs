// A throw-away Linux network namespace for one run (tests and the --tap demo). Everything the run
// creates (TAP interface, socat, ping, curl, servers) lives in it, so deleting the namespace and
// killing the processes inside it removes every trace, and the host's own network is untouched.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';

function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  if (r.error) throw r.error;
  return r;
}

function must(cmd, args) {
  const r = sh(cmd, args);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${(r.stderr || '').trim()}`);
  return r.stdout;
}

const live = new Set();
let hooked = false;

// Synchronous so that it also runs from an 'exit' handler.
function destroySync(name) {
  if (!live.has(name)) return;
  live.delete(name);
  const pids = sh('ip', ['netns', 'pids', name]).stdout || '';
  for (const p of pids.split(/\s+/)) {
    const pid = Number(p);
    // Only processes inside our own namespace: all of them were started by this run.
    if (pid > 0 && pid !== process.pid) {
      try { process.kill(pid, 'SIGKILL'); } catch (e) { /* already gone */ }
    }
  }
  sh('ip', ['netns', 'del', name]);
}

function hookExit() {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => { for (const n of Array.from(live)) destroySync(n); });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      for (const n of Array.from(live)) destroySync(n);
      process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1));
    });
  }
}

/**
 * Creates a namespace named `<prefix>-<random>` with its loopback up. Returns
 * { name, destroy() }; destroy() is also run on process exit and on SIGINT/SIGTERM/SIGHUP.
 */
export function createNetns(prefix = 'tcpip') {
  const name = `${prefix}-${process.pid}-${crypto.randomBytes(3).toString('hex')}`;
  must('ip', ['netns', 'add', name]);
  live.add(name);
  hookExit();
  try {
    must('ip', ['netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up']);
  } catch (e) {
    destroySync(name);
    throw e;
  }
  return { name, destroy: () => destroySync(name) };
}

/** True when this process runs inside a named namespace created by createNetns (see runInNetns). */
export function currentNetns() {
  return process.env.TCPIP_NETNS || null;
}
