// HTTP between the stack and the kernel through the TAP: curl fetches the board's page and
// status.json; the board fetches a file from `python3 -m http.server`; then, with netem on the TAP
// (what the kernel sends) and the same faults on the TapDevice (what the stack sends), 10 MiB each
// way, checked by SHA-256 and timed. Needs lib.socket.TcpSocket.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawn } from 'node:child_process';
import { scenario, loadLib, run, waitForTcpPort } from './kit.mjs';
import { stackOnTap, KERNEL_IP, STACK_IP } from './setup.mjs';
import { until } from '../../../boards/node-sim/runner.mjs';
import { page } from '../../../boards/node-sim/http-responder.mjs';
import { HttpGet } from '../../../boards/node-sim/http-client.mjs';
import { tcpConnect } from '../../../boards/node-sim/tcp-conn.mjs';
import { blob } from '../../../boards/node-sim/blob.mjs';

const sha = (b) => crypto.createHash('sha256').update(b).digest('hex');

/** The board fetches http://KERNEL_IP:port/path; resolves to the HttpGet result (or a timeout). */
async function boardGet(lib, s, port, p, { keepBody = true, timeoutMs = 20000 } = {}) {
  const conn = tcpConnect(lib, s.board.iface, lib.wire.parseIpv4Address(KERNEL_IP), port);
  const get = new HttpGet(conn, `${KERNEL_IP}:${port}`, p, { keepBody });
  s.board.addApp(() => (get.result ? false : get.step()));
  s.runner.kick();
  const t0 = performance.now();
  await until(() => get.result, timeoutMs);
  const ms = performance.now() - t0;
  const st = conn.sock.stats;
  const recovery = { timeouts: st[0], fastRetransmits: st[1], probes: st[2], undos: st[3] };
  conn.release();
  return get.result ? { ...get.result, ms, recovery } : { error: `no complete answer after ${timeoutMs} ms (${get.bodyBytes} body bytes)`, ms, recovery };
}

scenario(async (args) => {
  const lib = loadLib(args.build);
  if (!lib.socket.TcpSocket) return { skipped: 'the bundle has no TcpSocket yet (branch tcp not merged)' };
  const big = args.bigBytes || 10 * 1024 * 1024;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interop-www-'));
  const small = blob(100000);
  fs.writeFileSync(path.join(dir, 'small.bin'), small);
  fs.writeFileSync(path.join(dir, 'big.bin'), blob(big));
  const s = await stackOnTap(lib, { ...args, tapName: 'taptcp0' }, { queueLimit: 1024 });
  const server = spawn('python3', ['-m', 'http.server', '8000', '--bind', KERNEL_IP, '--directory', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let serverErr = '';
  server.stderr.on('data', (d) => { serverErr = (serverErr + d).slice(-2000); });
  server.output = () => serverErr.trim();
  const out = { path: s.path };
  try {
    // python3 may start slowly (a version manager's shim alone can take 0.3 s): wait until the
    // server accepts connections, not a fixed time.
    const tPy = performance.now();
    await waitForTcpPort(KERNEL_IP, 8000, 20000, 'python3 -m http.server', server);
    out.pythonReadyMs = Math.round(performance.now() - tPy);
    // 1. curl -> the board.
    const c1 = await run('curl', ['-s', '--max-time', '10', `http://${STACK_IP}/`]);
    out.curlPage = { code: c1.code, ok: c1.stdout === page(s.board.name), bytes: c1.raw.length, ms: +c1.ms.toFixed(1) };
    const c2 = await run('curl', ['-s', '--max-time', '10', `http://${STACK_IP}/status.json`]);
    let st = null;
    try { st = JSON.parse(c2.stdout); } catch (e) { /* reported below */ }
    out.curlStatus = { code: c2.code, ok: !!st && st.board === s.board.name, ms: +c2.ms.toFixed(1) };
    // 2. the board -> python http.server.
    const g = await boardGet(lib, s, 8000, '/small.bin');
    out.boardGetSmall = { status: g.status, ok: !!g.body && g.body.equals(small), bytes: g.bodyBytes, ms: +g.ms.toFixed(1), error: g.error };
    if (args.bulk) {
      // 3. 10 MiB each way with loss, reordering, duplication and delay on both directions.
      // netem shapes what the kernel sends; the TapDevice shapes what the stack sends. A kernel
      // built without netem (CONFIG_NET_SCH_NETEM) gets the same faults on the TapDevice's receive side.
      const faults = { loss: 0.05, reorder: 0.1, duplicate: 0.02, delayMs: 5, reorderMs: 5, seed: 7 };
      const nm = await run('tc', ['qdisc', 'add', 'dev', s.tap.tapName, 'root', 'netem', 'loss', '5%', 'reorder', '10%', 'duplicate', '2%', 'delay', '5ms']);
      out.kernelFaults = nm.code === 0 ? 'tc netem on the TAP' : `TapDevice receive side (tc netem unavailable: ${nm.stderr.trim()})`;
      s.tap.device.setFaults(faults, nm.code === 0 ? null : { ...faults, seed: 11 });
      const want = sha(blob(big));
      const before = { ...s.board.status().tcpRecovery };
      const d = await run('sh', ['-c', `curl -s --max-time 240 http://${STACK_IP}/blob/${big} | sha256sum`], { timeoutMs: 250000 });
      out.bulkStackToKernel = { ok: d.stdout.split(' ')[0] === want, ms: Math.round(d.ms), mbitPerS: +((big * 8) / (d.ms * 1000)).toFixed(2) };
      // The sending socket's recovery counters, once it has closed (bounded wait).
      await until(() => s.board.served.httpClosed === s.board.served.http, 3000);
      const after = s.board.status().tcpRecovery;
      out.bulkStackToKernel.recovery = Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - before[k]]));
      const u = await boardGet(lib, s, 8000, '/big.bin', { keepBody: false, timeoutMs: 240000 });
      out.bulkKernelToStack = { ok: u.sha256 === want && u.bodyBytes === big, bytes: u.bodyBytes, ms: Math.round(u.ms), mbitPerS: +((big * 8) / (u.ms * 1000)).toFixed(2), error: u.error, recovery: u.recovery };
      out.tapFaults = { ...s.tap.device.counters };
      const q = await run('tc', ['-s', 'qdisc', 'show', 'dev', s.tap.tapName]);
      out.netem = q.stdout.trim().split('\n').slice(0, 3).join(' | ');
      s.tap.device.setFaults(null, null);
    }
    out.stackCounters = s.board.status();
    out.chipStats = s.chip ? s.chip.stats : null;
    out.pcap = path.join(args.outDir, `tcp-http-${args.chip || 'tap'}-${args.build}${args.bulk ? '-bulk' : ''}.pcap`);
    out.recorded = s.rec.pcap.count;
    s.rec.save(out.pcap);
    return out;
  } finally {
    server.kill('SIGKILL');
    s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
