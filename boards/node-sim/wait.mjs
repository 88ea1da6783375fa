// Bounded waits for a condition (never a fixed sleep standing in for readiness): each one polls
// the condition itself and, when it never holds, throws an Error that says what never happened.
// Node-only, never bundled. Re-exported by test/interop/scenarios/kit.mjs.
import fs from 'node:fs';
import net from 'node:net';
import { spawnSync } from 'node:child_process';

const tick = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Resolves to cond()'s first truthy value (cond may be async); polls every `everyMs`. After
 * `timeoutMs` throws `timed out after <t> ms waiting for <what>` (what: a string, or a function
 * returning one, for details known only at the time of failure). A cond that throws fails the
 * wait at once with its error.
 */
export async function waitFor(cond, timeoutMs, what, { everyMs = 5 } = {}) {
  const t0 = performance.now();
  for (;;) {
    const v = await cond();
    if (v) return v;
    if (performance.now() - t0 > timeoutMs) {
      const w = typeof what === 'function' ? what() : what;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${w}`);
    }
    await tick(everyMs);
  }
}

/**
 * Quiescence: resolves once read() returned the same value (===, or JSON-equal for objects) for
 * `quietMs` in a row; throws after `timeoutMs` if it kept changing. Used where the wait really is
 * "let nothing more arrive", not readiness.
 */
export async function waitForStable(read, quietMs, timeoutMs, what) {
  const key = (v) => (typeof v === 'object' ? JSON.stringify(v) : v);
  let last = key(await read());
  let since = performance.now();
  return waitFor(async () => {
    const v = key(await read());
    if (v !== last) { last = v; since = performance.now(); return false; }
    return performance.now() - since >= quietMs;
  }, timeoutMs, () => `${what} to stay unchanged for ${quietMs} ms (last: ${last})`);
}

/** True when a TCP connect to host:port succeeds (the connection is closed at once). */
export function tcpAccepts(host, port, timeoutMs = 500) {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    const done = (ok) => { clearTimeout(t); s.destroy(); resolve(ok); };
    const t = setTimeout(() => done(false), timeoutMs);
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

/**
 * Waits until host:port accepts a TCP connection. `child` (optional): the server process; its
 * exit fails the wait at once, with `child.output()` (if given) in the message.
 */
export async function waitForTcpPort(host, port, timeoutMs, what, child = null) {
  return waitFor(async () => {
    if (child && child.exitCode !== null) {
      throw new Error(`${what} exited (code ${child.exitCode}) before ${host}:${port} accepted a connection${child.output ? `: ${child.output()}` : ''}`);
    }
    return tcpAccepts(host, port);
  }, timeoutMs, `${what} to accept TCP connections on ${host}:${port}`, { everyMs: 20 });
}

/** Local UDP ports bound in this network namespace (/proc/net/udp), as a Set of numbers. */
export function boundUdpPorts() {
  const text = fs.readFileSync('/proc/net/udp', 'utf8');
  const ports = new Set();
  for (const line of text.split('\n').slice(1)) {
    const m = /^\s*\d+:\s+[0-9A-F]{8}:([0-9A-F]{4})\s/.exec(line);
    if (m) ports.add(parseInt(m[1], 16));
  }
  return ports;
}

/** Link information of `name` (`ip -o link show dev name`), or null when there is no such link. */
export function linkInfo(name, netns = null) {
  const args = netns ? ['-n', netns, '-o', 'link', 'show', 'dev', name] : ['-o', 'link', 'show', 'dev', name];
  const r = spawnSync('ip', args, { encoding: 'utf8' });
  return r.status === 0 ? r.stdout : null;
}

/**
 * Resolves to { code, signal } when `child` (a ChildProcess) has exited; if it has not after
 * `timeoutMs`, sends SIGKILL and waits for that (bounded too). Never a fixed sleep.
 */
export async function waitForExit(child, timeoutMs) {
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const result = () => ({ code: child.exitCode, signal: child.signalCode });
  if (exited()) return result();
  const gone = new Promise((r) => child.once('exit', () => r()));
  let t;
  await Promise.race([gone, new Promise((r) => { t = setTimeout(r, timeoutMs); })]);
  clearTimeout(t);
  if (exited()) return result();
  try { child.kill('SIGKILL'); } catch (e) { /* gone */ }
  await Promise.race([gone, new Promise((r) => { t = setTimeout(r, 2000); })]);
  clearTimeout(t);
  return { ...result(), killed: true };
}
