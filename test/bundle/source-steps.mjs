// The build's steps on rollup's output before terser, in order (rollup.config.mjs; the profile tool
// test/bench/profile-espruino.mjs builds the same way): class wrappers taken away, small pure
// helpers inlined, constants folded, the calls terser must keep marked.
import { flattenClasses } from './flatten-classes.mjs';
import { inlinePure } from './inline-pure.mjs';
import { foldConstants } from './fold-constants.mjs';
import { markKeptCalls } from './kept-calls.mjs';

/** rollup's chunk code as terser gets it. */
export function sourceSteps(code) {
  return markKeptCalls(foldConstants(inlinePure(flattenClasses(code))));
}
