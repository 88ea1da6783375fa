// Compile-time build flag. Terser's global_defs replaces it with a literal, so each bundle keeps
// only one of the two code paths (see rollup.config.mjs).
declare const NO_ALLOC: boolean;
