// Child side of the interop tests: helpers for a scenario script that runs inside the namespace.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export function loadLib(build = 'default') {
  return require(path.join(root, 'dist', build === 'noalloc' ? 'node-sim.noalloc.js' : 'node-sim.js'));
}

// Bounded waits for a condition, with an error that says what never happened (no fixed sleeps).
export { waitFor, waitForStable, waitForTcpPort, tcpAccepts, boundUdpPorts, waitForExit } from '../../../boards/node-sim/wait.mjs';

/** Runs a command; resolves { code, stdout, stderr, ms }. Killed after timeoutMs. */
export function run(cmd, args, { timeoutMs = 30000, input } = {}) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const c = spawn(cmd, args, { stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    const out = [];
    let err = '';
    c.stdout.on('data', (d) => out.push(d));
    c.stderr.on('data', (d) => { err += d; });
    if (input !== undefined) c.stdin.end(input);
    const timer = setTimeout(() => c.kill('SIGKILL'), timeoutMs);
    c.on('close', (code, sig) => {
      clearTimeout(timer);
      const buf = Buffer.concat(out);
      resolve({ code: code === null ? sig : code, stdout: buf.toString('utf8'), raw: buf, stderr: err, ms: performance.now() - t0 });
    });
  });
}

/** Runs main(args) and prints its result as the last line `RESULT <json>`; errors become { error }. */
export function scenario(main) {
  const args = JSON.parse(process.argv[2] || '{}');
  main(args)
    .then((r) => {
      process.stdout.write(`RESULT ${JSON.stringify(r)}\n`);
      process.exit(0);
    })
    .catch((e) => {
      process.stdout.write(`RESULT ${JSON.stringify({ error: String((e && e.stack) || e) })}\n`);
      process.exit(1);
    });
}
