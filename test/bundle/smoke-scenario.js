// The smoke scenario run on Duktape (an ES5 interpreter) against every bundle, and in Node too.
// ES5 only. `lib` is the bundle's exports; `print` reports; throw on failure.
function smoke(lib) {
  if (typeof lib.board !== 'string') throw new Error('bundle exports no board name');
  if (typeof lib.noAlloc !== 'boolean') throw new Error('bundle exports no build flag');
  return 'board ' + lib.board + (lib.noAlloc ? ' (noalloc)' : '');
}
