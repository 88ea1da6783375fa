// Loads the node-sim bundles so that every behavioural test runs against both builds.
// Usage: for (const b of builds) describe(b.name, () => { ... b.lib ... })
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const distDir = path.join(root, 'dist');

export function loadBundle(file) {
  return require(path.join(distDir, file));
}

/** Both builds of the simulator board: [{ name: 'default' | 'noalloc', file, lib }]. */
export const builds = [
  { name: 'default', file: 'node-sim.js' },
  { name: 'noalloc', file: 'node-sim.noalloc.js' },
].map((b) => ({ ...b, lib: loadBundle(b.file) }));
