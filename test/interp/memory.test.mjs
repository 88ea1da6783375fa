// Memory of every Espruino bundle on its board's fixed-block interpreter (32-bit, under qemu):
// blocks at each step from interpreter start to one HTTP GET served (see memory-run.mjs and
// scenarios/memory.js). Writes dist/interp/memory.{md,json}; `npm run memory` also rewrites the
// README's table. An out-of-memory is a result, recorded at the step where it happened.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { skipEspruino } from './engines.mjs';
import { measureAll, writeTables, STEPS, stackBlocks, BUNDLES } from './memory-run.mjs';

// Boards where the whole sequence fits today, and the fewest free blocks allowed at any step (set
// just under what was measured: 2,558 / 2,650 at the lowest step, esp32 default / noalloc, after
// the DHCP client gained its ARP probe; the test chip and the far side take about 4,100 of them).
const FLOORS = { 'espruino-esp32.js': 2450, 'espruino-esp32.noalloc.js': 2550 };

test('memory on the boards: every bundle on its fixed-block interpreter', { skip: skipEspruino, timeout: 300000 }, async () => {
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
    // Blocks used grow step by step (the served GET may give back what serving it took).
    const got = STEPS.filter((s) => r.steps[s]);
    for (let i = 1; i < got.length; i++) {
      if (got[i] === 'served') continue;
      assert.ok(r.steps[got[i]].usage >= r.steps[got[i - 1]].usage, what + ': usage fell from ' + got[i - 1] + ' to ' + got[i]);
    }
    for (const s of ['load', 'connect', 'listen']) {
      if (r.steps[s] && r.steps[s === 'load' ? 'start' : 'load']) assert.ok(stackBlocks(r, s) > 0, what + ': no stack blocks at ' + s);
    }
    if (r.steps.served) assert.ok(stackBlocks(r, 'served') >= stackBlocks(r, 'listen'), what + ': served below listen');
    if (FLOORS[r.bundle] !== undefined) {
      assert.ok(r.complete, what + ': the whole sequence fitted before, now it stops at ' + r.oomAt);
      for (const s of got) {
        assert.ok(r.steps[s].free >= FLOORS[r.bundle], what + ': ' + r.steps[s].free + ' free blocks at ' + s + ', floor ' + FLOORS[r.bundle]);
      }
    }
  }
});
