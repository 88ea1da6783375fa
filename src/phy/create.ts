import { Hal } from '../hal/index';
import { Device } from './device';
import { ChipOptions } from './options';
import { Enc28j60 } from './enc28j60';
import { W5500 } from './w5500';

/** Builds and starts the driver for `chip` over the given HAL: the one code path used by every
 *  board and by the simulator. Throws a clear Error when the chip does not answer. */
export function createDevice(chip: string, hal: Hal, options: ChipOptions): Device {
  if (!hal || !hal.spi || typeof hal.spi.transfer !== 'function' || typeof hal.spi.bulk !== 'function') {
    throw new Error('createDevice: hal.spi must provide transfer(buf, off, n) and bulk(hdr, buf, off, len, flags)');
  }
  if (chip === 'enc28j60') return new Enc28j60(hal, options);
  if (chip === 'w5500') return new W5500(hal, options);
  throw new Error("createDevice: chip must be 'enc28j60' or 'w5500' (got " + chip + ')');
}
