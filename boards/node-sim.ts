// The simulator board: the whole stack for Node (tests, bench, demo). It exports every layer so
// that tests can drive each one through the same bundle a board would run.
export * as wire from '../src/wire/index';
export * as storage from '../src/storage/index';
export * as socket from '../src/socket/index';
export * as iface from '../src/iface/index';
export * as phy from '../src/phy/index';
export * as hal from '../src/hal/index';
export * as app from '../src/app/index';
export var board = 'node-sim';
export var noAlloc = NO_ALLOC;
