// The memory measurement of the Espruino bundles on each board's fixed-block interpreter (shared by
// memory.test.mjs and `npm run memory`, memory-table.mjs). One run per bundle: the bundle, the
// scenario (scenarios/memory.js) and the ENC28J60 emulator go into Storage; main.js is one line.
// Writes dist/interp/memory.json and dist/interp/memory.md.
import fs from 'node:fs';
import path from 'node:path';
import { runEspruino, results, BOARD_BLOCKS } from './engines.mjs';
import { buildChipScript } from './emulators-es5.mjs';
import { root, distDir } from '../helpers/bundles.mjs';

/** Steps of the scenario, in order (see scenarios/memory.js). */
export const STEPS = ['start', 'load', 'glue', 'connect', 'listen', 'far', 'serving', 'served'];
/** The steps that measure the stack (the others are the interpreter's or the test's). */
export const STACK_STEPS = ['load', 'connect', 'listen', 'serving', 'served'];
const STEP_TEXT = {
  load: 'bundle loaded', connect: 'connect() done', listen: 'HTTP server listening',
  serving: 'serving a GET', served: 'GET served',
};
export const BOARDS = ['espruino-esp32', 'espruino-wifi', 'espruino-pico', 'espruino-original'];
export const BUNDLES = BOARDS.flatMap((b) => [b + '.js', b + '.noalloc.js']);
export const MEMORY_JSON = path.join(distDir, 'interp', 'memory.json');
export const MEMORY_MD = path.join(distDir, 'interp', 'memory.md');

/** The board's default wiring, read from its entry (boards/<board>.ts), as pin names. */
export function boardPins(board) {
  const src = fs.readFileSync(path.join(root, 'boards', board + '.ts'), 'utf8');
  const m = /return \{ spi: (\w+), sck: (\w+), miso: (\w+), mosi: (\w+), cs: (\w+), int: (\w+), reset: (\w+)/.exec(src);
  if (!m) throw new Error('no default pins found in boards/' + board + '.ts');
  return { spi: m[1], cs: m[5], int: m[6], pins: m.slice(2, 8) };
}

/**
 * Runs the scenario for one bundle. Resolves to a row: { bundle, board, build, blocks, blocksize,
 * steps: {name: {usage, free}}, reached, complete, oomAt (step that ran out of memory, or null),
 * error, ms }. An out-of-memory ends the interpreter (exit 1); the steps come from its STEP lines.
 */
export async function measureBundle(bundle, chipScript) {
  const board = bundle.replace(/\..*$/, '');
  const blocks = BOARD_BLOCKS[board];
  const cfg = { bundle, ...boardPins(board) };
  const main = 'var u0=process.memory().usage;require("memscen").run(u0,' + JSON.stringify(cfg) + ');\n';
  const t0 = Date.now();
  const r = await runEspruino(main, {
    blocks, timeoutMs: 90000,
    storage: { tcpip: bundle, emuchip: chipScript, memscen: path.join(root, 'test/interp/scenarios/memory.js') },
  });
  fs.rmSync(r.dir, { recursive: true, force: true });
  const ms = Date.now() - t0;
  const res = results(r.out)[0];
  const steps = {};
  let total = blocks, blocksize = null, interp = null;
  if (res) {
    interp = res.interp;
    Object.assign(steps, res.steps);
    total = res.total;
    blocksize = res.blocksize;
  } else {
    // Out of memory: the interpreter stops; what it printed before says how far it got.
    for (const line of r.out.split('\n')) {
      if (!line.startsWith('STEP ')) continue;
      const s = JSON.parse(line.slice(5));
      if (s.step === 'interp') { interp = s.usage; blocksize = s.blocksize; } else steps[s.step] = { usage: s.usage, free: s.free };
    }
  }
  const reachedIdx = STEPS.reduce((a, s, i) => (steps[s] ? i : a), -1);
  const complete = reachedIdx === STEPS.length - 1 && !(res && res.error);
  const oom = /OUT OF MEMORY|LOW_MEMORY|MEMORY/.test(r.out + r.err + (res ? res.error + (res.errorFlags || []).join() : ''));
  return {
    bundle, board, build: bundle.includes('.noalloc') ? 'noalloc' : 'default', blocks: total, blocksize,
    interp, steps, reached: STEPS[reachedIdx] || null, complete,
    oomAt: !complete && oom ? STEPS[reachedIdx + 1] : null,
    error: complete ? '' : (res && res.error) || (oom ? 'out of memory' : (r.timedOut ? 'timed out' : 'exit ' + r.code + ': ' + r.out.slice(-400) + r.err.slice(-400))),
    ms,
  };
}

/** Blocks the test owns at a step (its scenario module, the emulator and glue; from `far` on, the
 *  far side too). */
export function testBlocks(row, step) {
  const s = row.steps;
  if (!s.load || !s.glue || !s.start) return null;
  let t = s.glue.usage - s.load.usage + s.start.usage - row.interp;
  if (STEPS.indexOf(step) >= STEPS.indexOf('far') && s.far && s.listen) t += s.far.usage - s.listen.usage;
  return t;
}

/** The stack's blocks at a step: usage minus the interpreter's own and the test's blocks. */
export function stackBlocks(row, step) {
  const s = row.steps;
  if (!s[step] || !s.start) return null;
  return s[step].usage - s.start.usage - (step === 'load' ? 0 : testBlocks(row, step) - (s.start.usage - row.interp));
}

/** Runs every bundle, two at a time (qemu runs one core each). Rows in BUNDLES order. */
export async function measureAll(bundles = BUNDLES, concurrency = 2) {
  const chipScript = await buildChipScript();
  // The longest runs (the boards that fit) first, so that the two lanes end together.
  const order = [...bundles].sort((a, b) => BOARD_BLOCKS[b.replace(/\..*$/, '')] - BOARD_BLOCKS[a.replace(/\..*$/, '')]);
  const rows = new Map();
  let next = 0;
  async function lane() {
    while (next < order.length) {
      const b = order[next++];
      rows.set(b, await measureBundle(b, chipScript));
    }
  }
  await Promise.all(Array.from({ length: concurrency }, lane));
  return bundles.map((b) => rows.get(b));
}

const fmt = (n) => (n === null || n === undefined ? '' : n.toLocaleString('en-US'));

/** The markdown table: one row per bundle, the stack's blocks at each step, the test's apart. */
export function renderMarkdown(rows) {
  const cols = [['start', 'interpreter start'], ['load', STEP_TEXT.load], ['glue', 'test: chip + glue'], ['connect', STEP_TEXT.connect],
    ['listen', STEP_TEXT.listen], ['far', 'test: far side'], ['serving', STEP_TEXT.serving], ['served', STEP_TEXT.served]];
  const head = ['board (blocks x bytes)', 'build', ...cols.map((c) => c[1]), 'free at the end'];
  const lines = ['| ' + head.join(' | ') + ' |', '| ' + head.map((h, i) => (i < 2 ? '---' : '---:')).join(' | ') + ' |'];
  for (const r of rows) {
    const cells = [r.board.replace('espruino-', '') + ' (' + fmt(r.blocks) + ' x ' + (r.blocksize || '?') + ')', r.build];
    for (const [s] of cols) {
      let v = '';
      if (r.steps[s]) {
        if (s === 'start') v = fmt(r.interp);
        else if (s === 'glue') v = fmt(testBlocks(r, 'glue'));
        else if (s === 'far') v = fmt(r.steps.far.usage - r.steps.listen.usage);
        else v = fmt(stackBlocks(r, s));
      } else if (r.oomAt === s) v = '**out of memory**';
      cells.push(v);
    }
    const last = STEPS.slice().reverse().find((s) => r.steps[s]);
    cells.push(r.complete ? fmt(r.steps[last].free) : '');
    lines.push('| ' + cells.join(' | ') + ' |');
  }
  return lines.join('\n') + '\n';
}

export function writeTables(rows) {
  fs.mkdirSync(path.dirname(MEMORY_JSON), { recursive: true });
  const json = rows.map((r) => ({
    ...r, test: { glue: testBlocks(r, 'glue'), far: r.steps.far && r.steps.listen ? r.steps.far.usage - r.steps.listen.usage : null },
    stack: Object.fromEntries(STACK_STEPS.filter((s) => r.steps[s]).map((s) => [s, stackBlocks(r, s)])),
  }));
  fs.writeFileSync(MEMORY_JSON, JSON.stringify(json, null, 2) + '\n');
  const md = renderMarkdown(rows);
  fs.writeFileSync(MEMORY_MD, md);
  return md;
}
