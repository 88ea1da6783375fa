// startDevice for the Espruino boards: SPI set-up, pins, the HAL, the chip driver, and the
// interrupt watch with a timer fallback. The Interface's connect() is added at integration.
import { Hal } from '../../src/hal/hal';
import { Device } from '../../src/phy/device';
import { ChipOptions } from '../../src/phy/options';
import { createDevice } from '../../src/phy/create';
import { espruinoSpi } from './espruino-spi';
import { nativeSum16 } from './native-sum';
import { setSum16 } from '../../src/wire/checksum';
import { copyByViews } from '../../src/storage/copy';

/** Wiring of one chip to a board. */
export interface BoardPins {
  spi: EspruinoSPI;
  sck: EspruinoPin;
  miso: EspruinoPin;
  mosi: EspruinoPin;
  cs: EspruinoPin;
  /** Chip's INT output (active low); null: poll on the timer only. */
  int: EspruinoPin | null;
  /** Chip's RESET input (active low); null: soft reset only. */
  reset: EspruinoPin | null;
  baud: number;
}

/** Options of a board's startDevice: the chip, any pin to override, ChipOptions (mac optional:
 *  derived from the board's serial number when absent), and an optional wake-up callback. */
export interface BoardDeviceOptions {
  chip?: string;
  spi?: EspruinoSPI;
  sck?: EspruinoPin;
  miso?: EspruinoPin;
  mosi?: EspruinoPin;
  cs?: EspruinoPin;
  int?: EspruinoPin | null;
  reset?: EspruinoPin | null;
  baud?: number;
  mac?: number;
  fullDuplex?: boolean;
  multicast?: boolean;
  promiscuous?: boolean;
  checkMs?: number;
  /** Called on the chip's interrupt (falling edge of INT) and every pollMs as a fallback. */
  onWake?: () => void;
  /** Fallback poll period in ms (default 50). */
  pollMs?: number;
}

/** The started Device, plus stop() that ends its interrupt watch and fallback timer. */
export type BoardDevice = Device & { stop: () => void };

function pick<T>(v: T | undefined, d: T): T {
  return v === undefined ? d : v;
}

/** A locally administered unicast MAC from the board's serial number (stable per board). */
export function serialMac(): number {
  const s = typeof getSerial === 'function' ? String(getSerial()) : '';
  if (!s) throw new Error('options.mac is required: this board has no serial number to derive one from');
  let h1 = 0x811c, h2 = 0x9dc5;
  for (let i = 0; i < s.length; i++) {
    h1 = ((h1 ^ s.charCodeAt(i)) * 31 + (h2 >>> 7)) & 0xffff;
    h2 = ((h2 ^ s.charCodeAt(i)) * 131 + h1) & 0xffffff;
  }
  return 0x02 * 1099511627776 + (h1 & 0xff) * 4294967296 + ((h2 * 256 + (h1 >> 8)) >>> 0);
}

export function startEspruinoDevice(options: BoardDeviceOptions, defaults: (chip: string) => BoardPins): BoardDevice {
  const o = options || {};
  // The checksum is the stack's per-byte work: hand it to E.sum where the firmware has it.
  const sum = nativeSum16();
  if (sum) setSum16(sum);
  // Copies too: a subarray view is a block freed when the copy returns (see src/storage/copy.ts).
  copyByViews(true);
  const chip = o.chip || 'enc28j60';
  const d = defaults(chip);
  const spi = pick(o.spi, d.spi), cs = pick(o.cs, d.cs), int = pick(o.int, d.int), reset = pick(o.reset, d.reset);
  spi.setup({ sck: pick(o.sck, d.sck), miso: pick(o.miso, d.miso), mosi: pick(o.mosi, d.mosi), baud: pick(o.baud, d.baud), mode: 0 });
  pinMode(cs, 'output');
  digitalWrite(cs, 1);
  if (reset) { pinMode(reset, 'output'); digitalWrite(reset, 1); }
  if (int) pinMode(int, 'input_pullup');
  const hal: Hal = {
    spi: espruinoSpi(spi, cs),
    clock: { now: function () { return getTime() * 1000; } },
    delay: function (ms: number) {
      const end = getTime() + ms / 1000;
      while (getTime() < end) { /* start-up only */ }
    },
  };
  if (reset) hal.reset = { write: function (high: boolean) { digitalWrite(reset, high ? 1 : 0); } };
  if (int) hal.irq = { read: function () { return digitalRead(int) !== 0; } };
  const chipOptions: ChipOptions = {
    mac: o.mac === undefined ? serialMac() : o.mac,
    fullDuplex: o.fullDuplex,
    multicast: o.multicast,
    promiscuous: o.promiscuous,
    checkMs: o.checkMs,
    irq: !!int && !!o.onWake,
  };
  const device = createDevice(chip, hal, chipOptions);
  let watch = -1, timer = -1;
  const wake = o.onWake;
  if (wake) {
    if (int) watch = setWatch(function () { wake(); }, int, { edge: 'falling', repeat: true });
    timer = setInterval(function () { wake(); }, o.pollMs || 50);
  }
  const started = device as BoardDevice;
  started.stop = function () {
    if (watch >= 0) clearWatch(watch);
    if (timer >= 0) clearInterval(timer);
    watch = timer = -1;
  };
  return started;
}
