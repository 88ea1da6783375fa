// The constant folding of the build: reads of a module-level numeric constant become its value;
// names that are written, declared again, or not constants are left alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldConstants } from './fold-constants.mjs';

test('reads of a module-level numeric constant become its literal, property names stay', () => {
  const out = foldConstants('var A_B = 20, c = 3;\nvar MAXV = 0x10;\nfunction f(x) { return x + A_B + MAXV + c + o.A_B + ({ A_B: 1 }).A_B; }\nexports.A_B = A_B;\n');
  assert.equal(out, 'var A_B = 20, c = 3;\nvar MAXV = 0x10;\nfunction f(x) { return x + 20 + 0x10 + c + o.A_B + ({ A_B: 1 }).A_B; }\nexports.A_B = 20;\n');
});

test('a constant written again, shadowed, or not a number is not folded', () => {
  const src = 'var LATER = 5; LATER = 6;\nvar BUMP = 1;\nBUMP++;\nvar SHADOW = 2;\nfunction g(SHADOW) { return SHADOW + LATER + BUMP; }\n' +
    'var INNER = 3;\nfunction h() { var INNER = 4; return INNER; }\nvar NAME = "x", NEG = -1;\nfunction k() { return NAME + NEG; }\n';
  assert.equal(foldConstants(src), src);
});
