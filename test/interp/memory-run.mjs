// The memory measurement of the Espruino bundles on each board's fixed-block interpreter (shared by
// memory.test.mjs and `npm run memory`, memory-table.mjs). One run per bundle: the bundle, the
// scenario (scenarios/memory.js) and the ENC28J60 emulator go into Storage; main.js is one line.
// Writes dist/interp/memory.json and dist/interp/memory.md.
import fs from 'node:fs';
import path from 'node:path';
import { runEspruino, results, workDir, BOARD_BLOCKS } from './engines.mjs';
import { serveChip, BOARD_IP, DNS_NAME } from './chip-pipe.mjs';
import { root, distDir } from '../helpers/bundles.mjs';

/** Steps of the scenario, in order (see scenarios/memory.js). */
export const STEPS = ['start', 'load', 'glue', 'connect', 'dns', 'listen', 'serving', 'served'];
/** The steps that measure the stack (the others are the interpreter's or the test's). */
export const STACK_STEPS = ['load', 'connect', 'dns', 'listen', 'serving', 'served'];
const STEP_TEXT = {
  load: 'bundle loaded', connect: 'connect() done', dns: 'a name resolved', listen: 'HTTP server listening',
  serving: 'serving a GET', served: 'GET served',
};
export const BOARDS = ['espruino-esp32', 'espruino-wifi', 'espruino-pico', 'espruino-original'];
/** What each board runs in the scenario: the Pico and the Original take a static address (their
 *  lean bundles have no DHCP or DNS client: STATIC_ONLY in rollup.config.mjs). */
export const BOARD_RUN = {
  'espruino-esp32': { dhcp: true }, 'espruino-wifi': { dhcp: true }, 'espruino-pico': { dhcp: false }, 'espruino-original': { dhcp: false },
};
/** The bundles measured: each board's lean ENC28J60 bundle (the file a user uploads), both builds. */
export const BUNDLES = BOARDS.flatMap((b) => [b + '-enc28j60.js', b + '-enc28j60.noalloc.js']);
const boardOf = (bundle) => bundle.replace(/(-enc28j60|-w5500)?\..*$/, '');
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
 * Runs the scenario for one bundle, the chip and the far side answered from this process
 * (chip-pipe.mjs). Resolves to a row: { bundle, board, build, blocks, blocksize, interp,
 * steps: {name: {usage, free}}, reached, complete, oomAt (step that ran out of memory, or null),
 * error, far, ms }. An out-of-memory ends the interpreter (exit 1); the steps come from its STEP lines.
 */
export async function measureBundle(bundle) {
  const board = boardOf(bundle);
  const blocks = BOARD_BLOCKS[board];
  const cfg = { bundle, ...boardPins(board), name: DNS_NAME, watchdogMs: 150000 };
  if (!BOARD_RUN[board].dhcp) cfg.ip = BOARD_IP;
  // The bundle is loaded at the root, as README tells a program to (test/bundle/namespace.mjs).
  const main = 'var u0=process.memory().usage;var next=require("memscen").run(u0,' + JSON.stringify(cfg) + ');\n' +
    'next(eval(require("Storage").read("tcpip")));\n';
  const t0 = Date.now();
  const dir = workDir('memory');
  const pipe = serveChip(dir);
  let r;
  try {
    r = await runEspruino(main, {
      blocks, timeoutMs: 170000, dir,
      storage: { tcpip: bundle, chippipe: path.join(root, 'test/interp/scenarios/chip-pipe.js'), memscen: path.join(root, 'test/interp/scenarios/memory.js') },
    });
  } finally {
    await pipe.stop();
  }
  fs.rmSync(dir, { recursive: true, force: true });
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
  let next = STEPS[reachedIdx + 1];
  if (next === 'dns' && !BOARD_RUN[board].dhcp) next = 'listen';
  const far = { ...pipe.far, dhcp: pipe.far.dhcp.length, dns: pipe.far.dns.length };
  return {
    bundle, board, build: bundle.includes('.noalloc') ? 'noalloc' : 'default', blocks: total, blocksize,
    interp, steps, reached: STEPS[reachedIdx] || null, complete,
    oomAt: !complete && oom ? next : null,
    error: complete ? '' : (res && res.error ? res.error + (far.error ? ' (' + far.error + ')' : '') : '') || (oom ? 'out of memory' : (r.timedOut ? 'timed out' : 'exit ' + r.code + ': ' + r.out.slice(-400) + r.err.slice(-400))),
    far, ms,
  };
}

/** Blocks the test owns: its scenario module and the pipe shim (loaded before `start`, minus the
 *  interpreter's own) and the shim's wiring (`glue` minus `load`). Null before the wiring. */
export function testBlocks(row) {
  const s = row.steps;
  if (!s.load || !s.glue || !s.start) return null;
  return s.glue.usage - s.load.usage + s.start.usage - row.interp;
}

/** The stack's blocks at a step: usage minus the interpreter's own and the test's blocks. */
export function stackBlocks(row, step) {
  const s = row.steps;
  if (!s[step] || !s.start) return null;
  if (step === 'load') return s.load.usage - s.start.usage;
  return s[step].usage - row.interp - testBlocks(row);
}

/** Blocks left for a program at the last step reached: total minus the interpreter's own and the
 *  stack's (the test's blocks are not the program's to pay). */
export function programFree(row) {
  const last = STEPS.slice().reverse().find((s) => row.steps[s]);
  if (!row.complete || !last) return null;
  return row.blocks - row.interp - stackBlocks(row, last);
}

/** The fewest blocks a program would have had at any step (the highest stack usage). */
export function programFreeMin(row) {
  if (!row.complete) return null;
  let worst = 0;
  for (const s of STACK_STEPS) if (row.steps[s]) worst = Math.max(worst, stackBlocks(row, s));
  return row.blocks - row.interp - worst;
}

/** Runs every bundle, two at a time (qemu runs one core each). Rows in BUNDLES order. */
export async function measureAll(bundles = BUNDLES, concurrency = 2) {
  // The longest runs (the boards that fit) first, so that the two lanes end together.
  const order = [...bundles].sort((a, b) => BOARD_BLOCKS[boardOf(b)] - BOARD_BLOCKS[boardOf(a)]);
  const rows = new Map();
  let next = 0;
  async function lane() {
    while (next < order.length) {
      const b = order[next++];
      rows.set(b, await measureBundle(b));
    }
  }
  await Promise.all(Array.from({ length: concurrency }, lane));
  return bundles.map((b) => rows.get(b));
}

const fmt = (n) => (n === null || n === undefined ? '' : n.toLocaleString('en-US'));

const pct = (n, of) => Math.round((100 * n) / of) + ' %';

/** The markdown table: one row per bundle, the stack's blocks at each step (the interpreter's own
 *  and the test's apart), and what is left for a program. */
export function renderMarkdown(rows) {
  const cols = [['load', STEP_TEXT.load], ['connect', STEP_TEXT.connect], ['dns', STEP_TEXT.dns], ['listen', STEP_TEXT.listen],
    ['serving', STEP_TEXT.serving], ['served', STEP_TEXT.served]];
  const head = ['board (blocks x bytes)', 'build', 'interpreter', 'test', ...cols.map((c) => c[1]), 'left for a program (at the fullest step)'];
  const lines = ['| ' + head.join(' | ') + ' |', '| ' + head.map((h, i) => (i < 2 ? '---' : '---:')).join(' | ') + ' |'];
  for (const r of rows) {
    const cells = [r.board.replace('espruino-', '') + ' (' + fmt(r.blocks) + ' x ' + (r.blocksize || '?') + ')', r.build, fmt(r.interp), fmt(testBlocks(r))];
    for (const [s] of cols) {
      let v = '';
      if (r.steps[s]) v = fmt(stackBlocks(r, s));
      else if (r.oomAt === s) v = '**out of memory**';
      else if (s === 'dns' && !BOARD_RUN[r.board].dhcp) v = '(static)';
      cells.push(v);
    }
    const left = programFreeMin(r);
    cells.push(left === null ? '' : fmt(left) + ' (' + pct(left, r.blocks) + ')');
    lines.push('| ' + cells.join(' | ') + ' |');
  }
  return lines.join('\n') + '\n';
}

export function writeTables(rows) {
  fs.mkdirSync(path.dirname(MEMORY_JSON), { recursive: true });
  const json = rows.map((r) => ({
    ...r, test: testBlocks(r), programFree: programFree(r), programFreeMin: programFreeMin(r),
    stack: Object.fromEntries(STACK_STEPS.filter((s) => r.steps[s]).map((s) => [s, stackBlocks(r, s)])),
  }));
  fs.writeFileSync(MEMORY_JSON, JSON.stringify(json, null, 2) + '\n');
  const md = renderMarkdown(rows);
  fs.writeFileSync(MEMORY_MD, md);
  return md;
}
