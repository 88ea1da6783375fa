// Module hook of trace-tests.mjs: an import of node:test gets test/mutation/trace-wrap.mjs instead.
const wrap = new URL('./trace-wrap.mjs', import.meta.url).href;
export async function resolve(specifier, context, next) {
  if ((specifier === 'node:test' || specifier === 'test') && context.parentURL !== wrap) return { url: wrap, shortCircuit: true };
  return next(specifier, context);
}
