// Loads the node-sim bundles so that every behavioural test runs against both builds.
// Usage: for (const b of builds) describe(b.name, () => { ... b.lib ... })
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const distDir = path.join(root, 'dist');

// STACK_BUNDLE_DIR points the behavioural tests at another build of the node-sim bundles (the
// source-mapped one of `npm run coverage`, a mutant's of `npm run mutate`); dist/ by default.
export const bundleDir = process.env.STACK_BUNDLE_DIR ? path.resolve(process.env.STACK_BUNDLE_DIR) : distDir;

export function loadBundle(file) {
  const alt = path.join(bundleDir, file);
  return require(fs.existsSync(alt) ? alt : path.join(distDir, file));
}

/** Both builds of the simulator board: [{ name: 'default' | 'noalloc', file, lib }]. */
export const builds = [
  { name: 'default', file: 'node-sim.js' },
  { name: 'noalloc', file: 'node-sim.noalloc.js' },
].map((b) => ({
  ...b,
  get lib() {
    const lib = loadBundle(b.file);
    Object.defineProperty(this, 'lib', { value: lib });
    return lib;
  },
}));
