// Runs several test files in this one process (node:test runs their tests one file after another):
// `npm run mutate` saves a process start per test file and mutant.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
for (const f of process.argv.slice(2)) await import(pathToFileURL(path.resolve(f)).href);
