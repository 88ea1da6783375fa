// What the ES5 emulator script (emulators-es5.mjs) exposes as `emu` inside the interpreters.
export { Enc28j60Emu } from '../emu/enc28j60.mjs';
export { W5500Emu } from '../emu/w5500.mjs';
export { crc32, macBytes, makeFrame } from '../emu/crc32.mjs';
export { cable } from '../emu/index.mjs';
