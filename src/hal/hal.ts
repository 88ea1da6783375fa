import { Spi } from './spi';
import { OutPin, InPin, Clock } from './pins';

/**
 * Everything a chip driver may touch: the bus, a clock, a way to wait a few milliseconds at
 * start-up (never on the packet path), and the optional reset and interrupt lines.
 */
export interface Hal {
  spi: Spi;
  clock: Clock;
  /** Busy-waits about ms milliseconds (start-up only: chip reset timing). */
  delay(ms: number): void;
  reset?: OutPin;
  irq?: InPin;
}
