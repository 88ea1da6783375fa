// Parent side of the interop tests: checks that the machine can run them, then runs one scenario
// script inside a fresh network namespace (`ip netns exec`) and returns the JSON result it prints.
// The namespace and everything in it are removed afterwards, whatever happened.
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createNetns } from '../../boards/node-sim/netns.mjs';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '..', '..');
export const outDir = path.join(root, 'test', 'interop', 'out');

const TOOLS = ['ip', 'socat', 'tshark', 'capinfos', 'ping', 'curl', 'tc', 'python3'];

function has(tool) {
  return spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).status === 0;
}

let cached;
/** null when the interop tests can run here, else one line saying why not. */
export function interopSkipReason() {
  if (cached !== undefined) return cached;
  cached = null;
  if (process.platform !== 'linux') cached = `interop needs Linux (this is ${process.platform})`;
  else if (typeof process.getuid !== 'function' || process.getuid() !== 0) cached = 'interop needs root (network namespaces, TAP)';
  else if (!fs.existsSync('/dev/net/tun')) cached = 'interop needs /dev/net/tun';
  else {
    const missing = TOOLS.filter((t) => !has(t));
    if (missing.length) cached = `interop needs these tools installed: ${missing.join(', ')}`;
  }
  if (!cached) {
    const r = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' });
    if (r.status !== 0) cached = `interop cannot use network namespaces: ${(r.stderr || '').trim()}`;
  }
  return cached;
}

/** Which bundle a scenario runs: the default or the no-allocation build of the node-sim board. */
export const bundleFiles = { default: 'node-sim.js', noalloc: 'node-sim.noalloc.js' };

/**
 * Runs test/interop/scenarios/<name>.mjs inside a new namespace with `args` (an object, passed as
 * JSON). Resolves to the scenario's result object; rejects with its stderr when it printed none.
 */
export async function runScenario(name, args = {}, { timeoutMs = 120000 } = {}) {
  fs.mkdirSync(outDir, { recursive: true });
  const ns = createNetns('tcpip');
  try {
    const script = path.join(here, 'scenarios', `${name}.mjs`);
    const child = spawn('ip', ['netns', 'exec', ns.name, process.execPath, script, JSON.stringify({ outDir, ...args })], {
      env: { ...process.env, TCPIP_NETNS: ns.name },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    const code = await new Promise((resolve) => {
      const t = setTimeout(() => { try { child.kill('SIGKILL'); } catch (e) { /* gone */ } }, timeoutMs);
      child.on('exit', (c, sig) => { clearTimeout(t); resolve(c === null ? sig : c); });
    });
    const line = out.split('\n').reverse().find((l) => l.startsWith('RESULT '));
    if (!line) throw new Error(`scenario ${name} exited with ${code} and no result:\n${err}\n${out}`);
    const result = JSON.parse(line.slice(7));
    result.log = out.split('\n').filter((l) => l && !l.startsWith('RESULT ')).join('\n');
    if (err.trim()) result.stderr = err.trim();
    return result;
  } finally {
    ns.destroy();
  }
}
