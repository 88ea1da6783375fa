// Memory of every Espruino bundle on its board's fixed-block interpreter (32-bit, under qemu):
// blocks at each step from interpreter start to one HTTP GET served, the chip and the far side
// answered from Node (see memory-run.mjs, chip-pipe.mjs and scenarios/memory.js). Writes
// dist/interp/memory.{md,json}; `npm run memory` also rewrites the README's table. An
// out-of-memory is a result, recorded at the step where it happened.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { skipEspruino } from './engines.mjs';
import { measureAll, writeTables, STEPS, stackBlocks, programFreeMin, BUNDLES } from './memory-run.mjs';

// The fewest blocks left for a program (total minus the interpreter's own and the stack's, at the
// fullest step), set just under what was measured, per bundle that runs the whole sequence
// (measured: esp32 7,240 / 7,302, wifi 1,274 / 1,311, default / noalloc; SACK and the loss
// recovery state took about 270 blocks on the ESP32's four TCP sockets; timestamps, Eifel undo,
// cwnd validation and SACK loss detection about 200 more: 130 for their code when the bundle
// loads, some 17 per TCP socket for the timestamp state and the new sender fields; the build's
// inlining of small helpers and dropped parameters gave back about 80; D-SACK undo, the recovery
// probe and RFC 6675's IsLost for later holes about 70 more: 46 of code, some 7 per TCP socket;
// header prediction and the speed work about 20 more; the loss probe's SACK as loss evidence and
// Eifel detection of spurious fast retransmits 20 to 30 more: 22 of code, a field per TCP socket;
// the mutation work's checks (unicast addresses, broadcast connect) about 17 more; the rare parts
// of TCP's sendData and process() as four methods of their own, about 40 more, for 4 % fewer
// instructions per KB on the interpreter; eight functions with one caller each written where they
// were called, about 73 back (measured after both: esp32 7,245 / 7,305, wifi 1,274 / 1,316); the
// sockets' one TCP header to send (43 per TCP socket), the packet rings' one metadata array (28 per
// UDP socket), the TCP options under short private names (11 per TCP socket) and the socket set's
// arrays as views of one buffer (14) about 385 back on the esp32 and 209 on the wifi (measured:
// esp32 7,627 / 7,689, wifi 1,487 / 1,524); the DHCP client's second message (the ACK being
// probed, 50) and the clients' scratch buffer (the interface's receive buffer now, 118) about 165
// more (measured: esp32 7,787 / 7,855, wifi 1,660 / 1,692); the driver itself given to NetworkJS
// rather than an object of five forwarding closures, about 70 more (measured: esp32 7,859 / 7,923,
// wifi 1,728 / 1,766). The 32-bit word copy (copyWords in src/storage/copy.ts, 1.8 % off the TCP
// bench) costs about 12 (esp32 7,847 / 7,910, wifi 1,715 / 1,754). The step that serves a GET moves
// by up to 13 blocks from one run to the next (1,702 to 1,715 on the wifi): the floors leave room.
// The speed steps of 2026-12-02 (calls written in line, the SPI shim's view cache gone) gave some
// back (two runs: esp32 7,874 / 7,928 and 7,862 / 7,928, wifi 1,734 / 1,774 and 1,732 / 1,770).
// The next ones (a second TCP send method, sendAny; NO_ALLOC's earliest-deadline bound and its
// function) cost about 5 in the default build and 20 in NO_ALLOC; with the other steps of that stop
// they took 5.4 % and 7.3 % off the TCP bench (three runs: esp32 7,849-7,862 / 7,904-7,909, wifi
// 1,716-1,730 / 1,748-1,760). TypeScript's class wrappers taken away by the build (three blocks a
// method) and the unused RawSocket class dropped from the lean bundles: about 930 more (esp32
// 8,790 / 8,839, wifi 2,657 / 2,690). The per-packet parsers kept as calls in the lean bundles
// (test/bundle/kept-calls.mjs: no function object made per frame) and the two board helpers
// exported for the bench cost about 70 (two runs: esp32 8,718 / 8,768-8,774, wifi 2,585-2,591 /
// 2,609-2,616). The bundle loaded at the root with its names behind one object
// (test/bundle/namespace.mjs: no scope kept by each function) and one row of hash buckets fewer:
// about 350 more (esp32 9,090 / 9,114, wifi 2,933 / 2,959). The wire records' fields renamed in the
// lean bundles (test/bundle/public-names.mjs): about 60 more (esp32 9,156 / 9,178, wifi 2,983 / 3,021).
// The Pico's bundle without the DHCP and DNS clients (STATIC_ONLY in rollup.config.mjs), a static
// address: the whole sequence fits (pico 781 / 806).
const FLOORS = {
  'espruino-esp32-enc28j60.js': 9135, 'espruino-esp32-enc28j60.noalloc.js': 9160,
  'espruino-wifi-enc28j60.js': 2965, 'espruino-wifi-enc28j60.noalloc.js': 3000,
  'espruino-pico-enc28j60.js': 765, 'espruino-pico-enc28j60.noalloc.js': 790,
};

// Bundles that do not run the whole sequence yet, and the last step each reaches today: a regression
// that stops one earlier fails. The Original loads since the class wrappers went (2,261 blocks);
// before, it ran out of memory while loading. Loaded at the root (1,973 blocks) it also gets
// through the test's wiring, and runs out of memory in connect().
const REACHES = {
  'espruino-original-enc28j60.js': 'glue', 'espruino-original-enc28j60.noalloc.js': 'glue',
};

test('memory on the boards: every bundle on its fixed-block interpreter', { skip: skipEspruino, timeout: 900000 }, async () => {
  const t0 = Date.now();
  const rows = await measureAll();
  const md = writeTables(rows);
  console.log(md + 'measured in ' + Math.round((Date.now() - t0) / 1000) + ' s');
  assert.deepEqual(rows.map((r) => r.bundle), BUNDLES);
  for (const r of rows) {
    const what = r.bundle + ' (' + r.error + ')';
    // Reached the load step, or ran out of memory there and said so.
    assert.ok(r.steps.start, what + ': no start step');
    assert.ok(r.steps.load || r.oomAt === 'load', what + ': neither loaded nor out of memory at load');
    assert.ok(r.complete || r.oomAt, what + ': stopped without an out-of-memory');
    if (r.complete) assert.ok(r.far.ok && r.far.dhcp >= (r.steps.dns ? 2 : 0), what + ': far side ' + JSON.stringify(r.far));
    for (const s of ['load', 'connect', 'listen']) {
      if (r.steps[s] && r.steps[s === 'load' ? 'start' : 'load']) assert.ok(stackBlocks(r, s) > 0, what + ': no stack blocks at ' + s);
    }
    if (r.steps.connect) assert.ok(stackBlocks(r, 'connect') > stackBlocks(r, 'load'), what + ': connect() took nothing');
    if (REACHES[r.bundle] !== undefined) {
      const want = STEPS.indexOf(REACHES[r.bundle]);
      assert.ok(r.complete || STEPS.indexOf(r.reached) >= want, what + ': reached ' + r.reached + ', before it reached ' + REACHES[r.bundle]);
    }
    if (FLOORS[r.bundle] !== undefined) {
      assert.ok(r.complete, what + ': the whole sequence fitted before, now it stops at ' + r.oomAt);
      const left = programFreeMin(r);
      assert.ok(left >= FLOORS[r.bundle], what + ': ' + left + ' blocks left for a program, floor ' + FLOORS[r.bundle]);
    }
  }
  assert.ok(STEPS.length > 0);
});
