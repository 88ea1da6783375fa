// `npm run demo`: a simulated board (the stack over an emulated ENC28J60 or W5500) and a second
// simulated host on a virtual cable; the host pings the board and fetches its status; a transcript
// is printed and the board's traffic is written to demo.pcap.
// `npm run demo -- --tap` (root, Linux): the board is bridged to a TAP interface instead and stays
// up for your own ping / curl until Ctrl-C.
// Options: --chip=enc28j60|w5500 (board's chip), --pcap=<file>, --tap, --subnet=a.b.c (TAP mode).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { emulatedDevice, cable } from '../../test/emu/index.mjs';
import { realClock, chipOnPort } from './chip-tap.mjs';
import { recordDevice } from './recording-device.mjs';
import { createSimBoard, STATUS_PORT, HTTP_PORT } from './sim-board.mjs';
import { tcpConnect } from './tcp-conn.mjs';
import { HttpGet } from './http-client.mjs';
import { page } from './http-responder.mjs';
import { Runner, until } from './runner.mjs';
import { startTap, macToString } from './tap-device.mjs';
import { waitFor, linkInfo } from './wait.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const require = createRequire(import.meta.url);

const opts = { chip: 'enc28j60', pcap: 'demo.pcap', tap: false, subnet: '192.168.213' };
for (const a of process.argv.slice(2)) {
  const m = /^--([a-z]+)(?:=(.*))?$/.exec(a);
  if (!m || !(m[1] in opts)) { console.error(`unknown option ${a} (options: --chip=enc28j60|w5500 --pcap=FILE --tap --subnet=a.b.c)`); process.exit(2); }
  opts[m[1]] = m[2] === undefined ? true : m[2];
}
if (opts.chip !== 'enc28j60' && opts.chip !== 'w5500') { console.error('--chip must be enc28j60 or w5500'); process.exit(2); }

const lib = require(path.join(root, 'dist', 'node-sim.js'));
const BOARD_MAC = 0x02000000b0a2;
const TAP_NAME = 'tcpipdemo0';
const HOST_MAC = 0x02000000b0a1;
const say = (who, msg) => console.log(`${who.padEnd(6)} ${msg}`);

async function virtualDemo() {
  const boardIp = '192.168.7.2';
  const hostIp = '192.168.7.1';
  const ip = (x) => lib.wire.parseIpv4Address(x);
  const hostChip = opts.chip === 'w5500' ? 'enc28j60' : 'w5500';
  const b = emulatedDevice(lib, opts.chip, BOARD_MAC, {}, {}, realClock());
  const h = emulatedDevice(lib, hostChip, HOST_MAC, {}, {}, realClock());
  const rec = recordDevice(b.dev);
  const board = createSimBoard(lib, rec.device, { ip: boardIp, name: `node-sim/${opts.chip}` });
  // The second host: another Interface from the same bundle, with a ping socket and a UDP socket.
  const host = new lib.iface.Interface({ device: h.dev, ip: hostIp, prefix: 24 });
  const ping = new lib.socket.IcmpSocket();
  const udp = new lib.socket.UdpSocket({ rxPackets: 4, rxBytes: 8192, txPackets: 4, txBytes: 4096 });
  host.add(ping);
  host.add(udp);
  ping.bind(0x5eed);
  udp.bind(40000);
  const runner = new Runner([board.iface, host], { apps: [board.app] });
  // The cable delivers into the other chip at once; the runner polls both sides soon after.
  cable(b.emu, h.emu, (frame, deliver) => { deliver(frame); runner.kick(); });
  let ok = true;
  const buf = new Uint8Array(8192);
  try {
    say('demo', `board ${boardIp} (${macToString(BOARD_MAC)}) on an emulated ${opts.chip}; host ${hostIp} on an emulated ${hostChip}; virtual cable`);
    say('demo', `board stack: ${board.stackLabel}; host: a second Interface`);
    const data = Uint8Array.from(Buffer.from('ping from the host'));
    for (let seq = 1; seq <= 3; seq++) {
      const t0 = performance.now();
      ping.sendEcho(ip(boardIp), seq, data, 0, data.length);
      runner.kick();
      let n = -1;
      await until(() => (n = ping.recv(buf, 0, buf.length)) >= 0, 2000);
      const good = n === data.length && ping.seq === seq;
      say('host', `ping ${boardIp} seq=${seq} ${good ? `time=${(performance.now() - t0).toFixed(2)} ms` : 'TIMEOUT'}`);
      if (seq === 1 && good) say('host', `  (ARP: ${boardIp} is-at ${macToString(host.neighbors.lookup(ip(boardIp), runner.now()))})`);
      ok = ok && good;
    }
    const req = Uint8Array.from(Buffer.from('status'));
    udp.sendTo(req, 0, req.length, ip(boardIp), STATUS_PORT);
    runner.kick();
    let n = -1;
    await until(() => (n = udp.recvFrom(buf, 0, buf.length)) >= 0, 2000);
    const text = n >= 0 ? Buffer.from(buf.subarray(0, n)).toString() : null;
    say('host', `UDP ${boardIp}:${STATUS_PORT} "status" -> ${text === null ? 'NO ANSWER' : text}`);
    ok = ok && text !== null && JSON.parse(text).board === board.name;
    if (!board.http) say('demo', 'HTTP page and /status.json: not yet (the TCP socket is not merged)');
    else {
      for (const p of ['/', '/status.json']) {
        const conn = tcpConnect(lib, host, ip(boardIp), HTTP_PORT);
        const get = new HttpGet(conn, boardIp, p);
        const t0 = performance.now();
        board.addApp(() => (get.result ? false : get.step()));
        runner.kick();
        await until(() => get.result, 5000);
        const r = get.result;
        if (!r) { say('host', `GET http://${boardIp}${p} -> NO ANSWER`); ok = false; continue; }
        say('host', `GET http://${boardIp}${p} -> ${r.status} ${r.headers['content-type']}, ${r.bodyBytes} bytes in ${(performance.now() - t0).toFixed(1)} ms`);
        const text = r.body.toString();
        for (const line of (p === '/' ? text.split('\n').filter((l) => /<h1>|<p>This/.test(l)) : [text.trim()])) say('host', `  ${line}`);
        ok = ok && r.status === 200 && (p === '/' ? text === page(board.name) : JSON.parse(text).board === board.name);
        conn.release();
      }
    }
  } finally {
    runner.stop();
    rec.save(opts.pcap);
    say('demo', `board's ${opts.chip}: ${b.hal.spi.transactions} SPI transactions, ${b.hal.spi.bytes} bytes over the bus`);
    say('demo', `wrote ${opts.pcap} (${rec.pcap.count} frames at the board's device)`);
    say('demo', ok ? 'all exchanges succeeded' : 'SOME EXCHANGES FAILED');
  }
  return ok;
}

async function tapDemo() {
  if (process.platform !== 'linux' || process.getuid() !== 0) { console.error('--tap needs Linux and root'); process.exit(2); }
  const kernelIp = `${opts.subnet}.1`;
  const boardIp = `${opts.subnet}.2`;
  const routes = spawnSync('ip', ['-4', 'route', 'get', boardIp], { encoding: 'utf8' }).stdout || '';
  if (/ dev (?!lo)/.test(routes) && !/ via /.test(routes) && !/ dev tcpipdemo/.test(routes)) {
    console.error(`${opts.subnet}.0/24 is already on-link here (${routes.trim()}); choose another with --subnet=a.b.c`);
    process.exit(2);
  }
  await removeLeftovers();
  const tap = await startTap({
    name: TAP_NAME, kernelAddr: kernelIp, prefix: 24, mac: BOARD_MAC, ownGroup: true,
    onSocatExit: (msg) => say('demo', `ERROR: ${msg}; stop with Ctrl-C and start again`),
  });
  let runner = null;
  const chip = chipOnPort(lib, opts.chip, BOARD_MAC, tap.device, { onChipFrame: () => runner && runner.kick() });
  const rec = recordDevice(chip.dev);
  const board = createSimBoard(lib, rec.device, { ip: boardIp, name: `node-sim/${opts.chip}` });
  runner = new Runner([board.iface], { apps: [board.app] });
  say('demo', `board ${boardIp} (${macToString(BOARD_MAC)}) on an emulated ${opts.chip}, bridged to TAP ${tap.tapName} (host side ${kernelIp}/24)`);
  say('demo', `board stack: ${board.stackLabel}`);
  say('demo', `try:  ping ${boardIp}    |    echo status | socat - UDP:${boardIp}:${STATUS_PORT}`);
  if (!board.http) say('demo', 'HTTP (curl) not yet: the TCP socket is not merged');
  else say('demo', `try:  curl http://${boardIp}/    |    curl http://${boardIp}/status.json`);
  say('demo', 'Ctrl-C to stop');
  // The handlers stay installed while stopping: a second Ctrl-C must not kill Node before socat
  // has exited and the TAP is gone (the old `once` handlers let it, and socat survived).
  let stopping = false;
  const sig = await new Promise((resolve) => {
    for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      process.on(s, () => {
        if (stopping) { say('demo', `${s} again: still stopping (socat and the TAP, at most a few seconds)`); return; }
        stopping = true;
        resolve(s);
      });
    }
  });
  runner.stop();
  const closed = await tap.close();
  rec.save(opts.pcap);
  const gone = !linkInfo(TAP_NAME);
  const socatEnd = closed.socat.killed ? 'socat killed (it ignored SIGTERM)' : `socat exited (${closed.socat.signal || `code ${closed.socat.code}`})`;
  if (gone) say('demo', `stopped (${sig}); ${socatEnd}; TAP ${TAP_NAME} removed; wrote ${opts.pcap} (${rec.pcap.count} frames)`);
  else say('demo', `stopped (${sig}); ${socatEnd}; TAP ${TAP_NAME} could NOT be removed (try: ip link del dev ${TAP_NAME}); wrote ${opts.pcap}`);
  return gone;
}

/** socat processes in this network namespace whose TUN address names our TAP (left over by an
 *  earlier demo here; a demo in another namespace has its own TAP and is left alone). */
function demoSocats() {
  const pids = [];
  const ourNet = fs.readlinkSync('/proc/self/ns/net');
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d) || Number(d) === process.pid) continue;
    let argv;
    try {
      if (fs.readlinkSync(`/proc/${d}/ns/net`) !== ourNet) continue;
      argv = fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
    } catch (e) { continue; }
    if (path.basename(argv[0] || '') === 'socat' && argv.some((a) => a.startsWith('TUN:') && a.includes(`tun-name=${TAP_NAME}`))) pids.push(Number(d));
  }
  return pids;
}

const alive = (pid) => { try { process.kill(pid, 0); return true; } catch (e) { return false; } };

/**
 * A start that finds the TAP of an earlier demo (its socat still running, or the interface alone)
 * says so in one line and removes it; otherwise the new socat cannot take the name while the old
 * interface looks up, and the board would receive nothing.
 */
async function removeLeftovers() {
  const pids = demoSocats();
  const info = linkInfo(TAP_NAME);
  if (!info && !pids.length) return;
  say('demo', `found a leftover ${info ? `TAP ${TAP_NAME}` : 'socat'} from an earlier demo${pids.length ? ` (socat pid ${pids.join(', ')})` : ''}: removing it`);
  for (const pid of pids) { try { process.kill(pid, 'SIGTERM'); } catch (e) { /* gone */ } }
  try {
    await waitFor(() => pids.every((p) => !alive(p)), 2000, `the leftover socat ${pids.join(', ')} to exit after SIGTERM`, { everyMs: 10 });
  } catch (e) {
    for (const pid of pids) { try { process.kill(pid, 'SIGKILL'); } catch (e2) { /* gone */ } }
    await waitFor(() => pids.every((p) => !alive(p)), 2000, `the leftover socat ${pids.join(', ')} to exit after SIGKILL`, { everyMs: 10 });
  }
  if (linkInfo(TAP_NAME)) spawnSync('ip', ['link', 'del', 'dev', TAP_NAME]);
  await waitFor(() => !linkInfo(TAP_NAME), 2000, `the leftover TAP ${TAP_NAME} to go away (ip link del dev ${TAP_NAME})`, { everyMs: 10 });
}

(opts.tap ? tapDemo() : virtualDemo()).then(
  (ok) => process.exit(ok ? 0 : 1),
  (e) => { console.error(e); process.exit(1); },
);
