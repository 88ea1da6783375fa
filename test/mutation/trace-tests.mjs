// Preloaded (node --import) in the trace run of `npm run mutate`: every test of node:test runs in
// an AsyncLocalStorage context holding its name, so that the trace build notes which test reaches
// which mutant (also from the test's timers and promises). Code run outside a test (a hook, the
// module's top level) is noted under the empty name: such a mutant needs the whole file.
import { register } from 'node:module';
import { AsyncLocalStorage } from 'node:async_hooks';

globalThis.__mutantAls = new AsyncLocalStorage();
register('./trace-hooks.mjs', import.meta.url);
