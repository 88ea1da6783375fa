// What each object of connect() costs in blocks on a board's Espruino, one constructor at a time
// (scenarios/memory-parts.js), for planning memory work: `node test/interp/memory-parts.mjs
// [bundle ...] [--blocks N]` (default: both builds of the WiFi's ENC28J60 bundle from dist/, on the
// 8,190-block interpreter; run `npm run build` first). The memory test (memory.test.mjs) measures
// the whole scenario; this splits connect()'s share of it. About 10 s a bundle.
import path from 'node:path';
import { runEspruino, skipEspruino, workDir } from './engines.mjs';
import { root } from '../helpers/bundles.mjs';

const args = process.argv.slice(2);
const bi = args.indexOf('--blocks');
const blocks = bi >= 0 ? +args[bi + 1] : 8190;
let bundles = args.filter((a, i) => !a.startsWith('--') && (bi < 0 || i !== bi + 1));
if (!bundles.length) bundles = ['espruino-wifi-enc28j60.js', 'espruino-wifi-enc28j60.noalloc.js'];
if (skipEspruino) {
  console.log('skipped: ' + skipEspruino);
  process.exit(0);
}

const rows = new Map();
for (const b of bundles) {
  const r = await runEspruino('require("parts").run();\n', {
    blocks, timeoutMs: 60000, dir: workDir('parts'),
    storage: { tcpip: b, parts: path.join(root, 'test/interp/scenarios/memory-parts.js') },
  });
  if (!/^DONE$/m.test(r.out)) throw new Error(b + ': the scenario did not finish: ' + r.out.slice(-400) + r.err.slice(-400));
  for (const line of r.out.split('\n')) {
    const m = /^PART (.+) (-?\d+)$/.exec(line);
    if (!m) continue;
    if (!rows.has(m[1])) rows.set(m[1], {});
    rows.get(m[1])[b] = +m[2];
  }
}
console.log('Blocks on the ' + blocks.toLocaleString('en-US') + '-block Espruino\n');
console.log('| part | ' + bundles.join(' | ') + ' |');
console.log('| --- |' + bundles.map(() => ' ---: |').join(''));
for (const [name, v] of rows) console.log('| ' + name + ' | ' + bundles.map((b) => (v[b] === undefined ? '' : v[b].toLocaleString('en-US'))).join(' | ') + ' |');
