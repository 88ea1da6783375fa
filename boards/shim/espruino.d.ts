// Espruino globals, declared for boards/ only (nothing in src/ may name them). Only what the
// board shims use; src/ARCHITECTURE.md lists how the interpreter differs from Node.
interface EspruinoPin { readonly __pin?: never }
interface EspruinoSPI {
  setup(options: { sck?: EspruinoPin; miso?: EspruinoPin; mosi?: EspruinoPin; baud?: number; mode?: number }): void;
  send(data: number, cs?: EspruinoPin): number;
  send(data: Uint8Array | { data: number; count: number }, cs?: EspruinoPin): Uint8Array;
  write(data: Uint8Array | number, cs?: EspruinoPin): void;
}
declare var SPI1: EspruinoSPI;
declare var SPI2: EspruinoSPI;
declare var SPI3: EspruinoSPI;
declare function digitalWrite(pin: EspruinoPin, value: number): void;
declare function digitalRead(pin: EspruinoPin): number;
declare function pinMode(pin: EspruinoPin, mode: string): void;
declare function setWatch(fn: () => void, pin: EspruinoPin, options: { edge: string; repeat: boolean }): number;
declare function clearWatch(id: number): void;
declare function setInterval(fn: () => void, ms: number): number;
declare function clearInterval(id: number): void;
declare function getTime(): number;
declare function getSerial(): string;
declare var E: { sum?: (arr: Uint16Array) => number; toString?: (arr: Uint8Array) => string; toUint8Array?: (s: string) => Uint8Array };
declare function require(name: string): any;
// pins named by the boards' defaults
declare var A0: EspruinoPin; declare var A1: EspruinoPin; declare var A4: EspruinoPin; declare var A5: EspruinoPin;
declare var A6: EspruinoPin; declare var A7: EspruinoPin; declare var A8: EspruinoPin;
declare var B0: EspruinoPin; declare var B1: EspruinoPin; declare var B10: EspruinoPin;
declare var B13: EspruinoPin; declare var B14: EspruinoPin; declare var B15: EspruinoPin;
declare var D4: EspruinoPin; declare var D5: EspruinoPin; declare var D18: EspruinoPin; declare var D19: EspruinoPin;
declare var D22: EspruinoPin; declare var D23: EspruinoPin;
declare function setTimeout(fn: () => void, ms: number): number;
declare function clearTimeout(id: number): void;
