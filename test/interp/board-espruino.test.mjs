// Every Espruino board bundle on the real interpreter (the growable 64-bit Linux build), from
// Storage, with both emulated chips on the board's default SPI, CS and INT pins: connect() with DHCP
// and with a static address, ping, Espruino's own http server and http.get through the NetworkJS
// driver, a host name through the stack's DNS client, no driver misuse. The scenario is
// test/interp/scenarios/board.js; its far end is a second stack inside the same interpreter.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { buildEmulatorsEs5 } from './emulators-es5.mjs';
import { runEspruino, readRepo, results, skipEspruino } from './engines.mjs';

// Default wiring of each board (boards/espruino-*.ts). The Linux interpreter has pins D0..D32 only:
// the A/B pin names of the STM32 boards are given to distinct D pins inside the scenario.
const BOARDS = {
  'espruino-esp32': { spi: 'SPI2', cs: 'D5', int: 'D4' },
  'espruino-pico': { spi: 'SPI2', cs: 'B10', int: 'B1' },
  'espruino-wifi': { spi: 'SPI2', cs: 'B10', int: 'B1' },
  'espruino-original': { spi: 'SPI1', cs: 'A4', int: 'A1' },
};
const STM32_PINS = ['A0', 'A1', 'A4', 'A5', 'A6', 'A7', 'A8', 'B0', 'B1', 'B10', 'B13', 'B14', 'B15'];
const PIN_MAP = Object.fromEntries(STM32_PINS.map((p, i) => [p, 'D' + (6 + i)]));
const CHIPS = ['enc28j60', 'w5500'];
const STEPS = ['load', 'dhcp', 'ping', 'server', 'get', 'dns', 'static', 'static-ping', 'static-get', 'done'];
/** The list without consecutive repeats (a client's retransmissions). */
function collapseRepeats(list) {
  return list.filter((x, i) => i === 0 || x !== list[i - 1]);
}

const BODY = 3000, SMALL_BODY = 1200, HOST = 'far.test';

const jobs = [];
for (const board of Object.keys(BOARDS)) for (const flavour of ['', '.noalloc']) for (const chip of CHIPS) jobs.push({ board, flavour, chip });

// Two interpreters at a time (2 cores).
let running = 0;
const queue = [];
function limited(fn) {
  return new Promise((resolve, reject) => {
    const go = () => { running++; fn().then(resolve, reject).finally(() => { running--; if (queue.length) queue.shift()(); }); };
    if (running < 2) go(); else queue.push(go);
  });
}

async function runJob({ board, flavour, chip }) {
  const b = BOARDS[board];
  const cfg = { chip, spi: b.spi, cs: b.cs, int: b.int, pinMap: board === 'espruino-esp32' ? {} : PIN_MAP,
    body: BODY, smallBody: SMALL_BODY, hostName: HOST, limitMs: 100000, stepMs: 30000 };
  const script = fs.readFileSync(await buildEmulatorsEs5(), 'utf8') + readRepo('test/interp/scenarios/espruino-chip.js') +
    '\nvar CFG = ' + JSON.stringify(cfg) + ';\n' + readRepo('test/interp/scenarios/board.js');
  const t = Date.now();
  const r = await runEspruino(script, { storage: { tcpip: board + flavour + '.js' }, timeoutMs: 150000 });
  fs.rmSync(r.dir, { recursive: true, force: true });
  return { ...r, wallMs: Date.now() - t, results: results(r.out) };
}

const started = skipEspruino ? null : new Map(jobs.map((j) => [j, limited(() => runJob(j))]));

describe('board bundles on Espruino: connect, DHCP, ping, http server and client, DNS, static', { skip: skipEspruino }, () => {
  for (const job of jobs) {
    const name = job.board + job.flavour + ' + ' + job.chip;
    test(name, async (t) => {
      const r = await started.get(job);
      const by = Object.fromEntries(r.results.map((x) => [x.step, x]));
      const why = () => 'exit ' + r.code + (r.timedOut ? ' (killed: timed out)' : '') + '\n' + r.out.slice(-3000) + r.err;
      for (const step of STEPS) {
        assert.ok(by[step], 'step ' + step + ' printed no RESULT; ' + why());
        assert.equal(by[step].ok, true, 'step ' + step + ' failed: ' + JSON.stringify(by[step]) + '\n' + why());
      }
      assert.equal(by.load.board, job.board);
      assert.equal(by.load.noAlloc, job.flavour === '.noalloc');
      assert.equal(by.dhcp.ip.ip, '10.0.0.50');
      assert.equal(by.dhcp.ip.dns, '10.0.0.1');
      assert.equal(by.dhcp.ip.dhcp, true);
      // A slow run (a loaded machine) may see the client retransmit: repeats are allowed, order is not.
      assert.deepEqual(collapseRepeats(by.dhcp.dhcp.map((m) => m.type)), [1, 3], 'DISCOVER then REQUEST');
      assert.equal(by.dhcp.dhcp[0].hostName, 'board');
      assert.equal(by.server.bodyBytes, BODY);
      assert.deepEqual(by.server.requests, ['GET /board']);
      assert.equal(by.get.bodyBytes, BODY);
      assert.equal(by.dns.bodyBytes, SMALL_BODY);
      assert.deepEqual(collapseRepeats(by.dns.dnsQueries), [HOST], 'one name asked (retransmissions allowed)');
      assert.equal(by.static.ip.ip, '10.0.0.60');
      assert.deepEqual(by.done.violations, []);
      assert.equal(r.code, 0, why());
      t.diagnostic(`${name}: ${r.wallMs} ms wall; steps ms ` + STEPS.slice(1, -1).map((s) => s + ' ' + by[s].ms).join(', ') +
        `; bundle loaded from Storage ${by.load.blocks} blocks, end usage ${by.done.usage} x ${by.done.blocksize} B; SPI ${by.done.spiBytes} bytes`);
    });
  }
});
