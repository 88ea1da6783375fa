// Maps V8 block coverage of a bundle back to the TypeScript sources through the bundle's source
// map. Lines: a source line is executable when a statement of the bundle starts on it, covered when
// one of those ran. Branches: both arms of every if (an absent else counts), ?:, the right operand
// of && || ??, each switch case; an arm is covered when its first position ran.
import fs from 'node:fs';
import * as acorn from 'acorn';
import { root } from '../helpers/bundles.mjs';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64V = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) B64V[B64.charCodeAt(i)] = i;

/** Decodes a source map's mappings: per generated line, [genCol, srcIndex, srcLine, srcCol] rows. */
export function decodeMap(map) {
  const lines = [];
  let src = 0, sl = 0, sc = 0;
  for (const text of map.mappings.split(';')) {
    const row = [];
    let gc = 0;
    for (const seg of text.split(',')) {
      if (!seg) continue;
      const v = [];
      let value = 0, shift = 0;
      for (let i = 0; i < seg.length; i++) {
        const d = B64V[seg.charCodeAt(i)];
        value += (d & 31) << shift;
        if (d & 32) { shift += 5; continue; }
        v.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = 0; shift = 0;
      }
      gc += v[0];
      if (v.length >= 4) { src += v[1]; sl += v[2]; sc += v[3]; row.push([gc, src, sl, sc]); }
      else row.push([gc, -1, 0, 0]);
    }
    lines.push(row);
  }
  return lines;
}

/** Source position of a bundle position (1-based line, 0-based column), or null. */
function lookup(decoded, sources, line, col) {
  const row = decoded[line - 1];
  if (!row) return null;
  let best = null;
  for (const seg of row) { if (seg[0] <= col) best = seg; else break; }
  if (!best || best[1] < 0) return null;
  return { file: sources[best[1]], line: best[2] + 1, col: best[3] };
}

/** Points of a bundle to be counted: statements (line coverage) and branch arms, each with its
 *  bundle offset and source position. Computed once per bundle. */
export function pointsOf(bundleFile) {
  const code = fs.readFileSync(bundleFile, 'utf8');
  const map = JSON.parse(fs.readFileSync(bundleFile + '.map', 'utf8'));
  const decoded = decodeMap(map);
  const sources = map.sources.map((s) => {
    const abs = s.startsWith('/') ? s : new URL(s, 'file://' + bundleFile).pathname;
    return abs.startsWith(root + '/') ? abs.slice(root.length + 1) : abs;
  });
  const ast = acorn.parse(code, { ecmaVersion: 5, locations: true, allowReturnOutsideFunction: true });
  const stmts = [];
  const branches = [];
  const at = (node) => lookup(decoded, sources, node.loc.start.line, node.loc.start.column);
  // An if without else: its "else arm" is the if statement itself, counted as
  // count(if) - count(then) when the coverage is read.
  const arm = (node, kind, group, index, implicitOf) => {
    const pos = at(node);
    if (pos && pos.file.startsWith('src/')) branches.push({ off: node.start, implicitOf, kind, group, index, ...pos });
  };
  (function walk(node, parent) {
    if (!node || typeof node.type !== 'string') return;
    if (/Statement$|Declaration$/.test(node.type) && node.type !== 'BlockStatement' && node.type !== 'FunctionDeclaration') {
      const pos = at(node);
      if (pos && pos.file.startsWith('src/')) stmts.push({ off: node.start, ...pos });
    }
    if (node.type === 'IfStatement') {
      const g = at(node);
      if (g) {
        const key = g.file + ':' + g.line + ':' + g.col;
        arm(node.consequent, 'if', key, 0);
        if (node.alternate) arm(node.alternate, 'if', key, 1);
        else arm(node, 'if', key, 1, node.consequent.start);
      }
    } else if (node.type === 'ConditionalExpression') {
      const g = at(node);
      if (g) {
        const key = g.file + ':' + g.line + ':' + g.col;
        arm(node.consequent, '?:', key, 0);
        arm(node.alternate, '?:', key, 1);
      }
    } else if (node.type === 'LogicalExpression') {
      const g = at(node.right);
      if (g) arm(node.right, node.operator, g.file + ':' + g.line + ':' + g.col + node.operator, 0);
    } else if (node.type === 'SwitchStatement') {
      const g = at(node);
      if (g) node.cases.forEach((c, i) => arm(c, 'case', g.file + ':' + g.line + ':' + g.col, i));
    }
    for (const k of Object.keys(node)) {
      if (k === 'loc') continue;
      const v = node[k];
      if (Array.isArray(v)) for (const c of v) walk(c, node);
      else if (v && typeof v.type === 'string') walk(v, node);
    }
  })(ast, null);
  return { size: code.length, stmts, branches };
}

/** Execution count at every offset of a script from the V8 functions of one process. */
export function paint(size, functions) {
  const counts = new Float64Array(size);
  const ranges = [];
  for (const f of functions) for (const r of f.ranges) ranges.push(r);
  ranges.sort((a, b) => a.startOffset - b.startOffset || b.endOffset - a.endOffset);
  for (const r of ranges) counts.fill(r.count, r.startOffset, Math.min(r.endOffset, size));
  return counts;
}

/** Adds one process's counts to the totals kept per point (hits arrays parallel to points). */
export function accumulate(points, counts, hits) {
  for (let i = 0; i < points.stmts.length; i++) hits.stmts[i] += counts[points.stmts[i].off];
  for (let i = 0; i < points.branches.length; i++) {
    const b = points.branches[i];
    hits.branches[i] += b.implicitOf === undefined ? counts[b.off] : Math.max(0, counts[b.off] - counts[b.implicitOf]);
  }
}
