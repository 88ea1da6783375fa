// node:test with `test` and `it` running their function in the test's AsyncLocalStorage context
// (see trace-tests.mjs). The function keeps its arity: node:test passes a `done` callback to a
// function of two parameters.
import * as nt from 'node:test';

const als = () => globalThis.__mutantAls;
function wrapFn(name, fn) {
  if (typeof fn !== 'function') return fn;
  return fn.length >= 2
    ? function (t, done) { return als().run(name, () => fn.call(this, t, done)); }
    : function (t) { return als().run(name, () => fn.call(this, t)); };
}
function wrapped(orig) {
  const f = function (...args) {
    const name = typeof args[0] === 'string' ? args[0] : (typeof args[0] === 'function' && args[0].name) || '<anonymous>';
    const i = args.length - 1;
    if (typeof args[i] === 'function') args[i] = wrapFn(name, args[i]);
    return orig.apply(this, args);
  };
  for (const k of ['skip', 'todo', 'only']) if (orig[k]) f[k] = wrapped(orig[k]);
  return f;
}
export * from 'node:test';
export const test = wrapped(nt.test);
export const it = wrapped(nt.it);
export default test;
