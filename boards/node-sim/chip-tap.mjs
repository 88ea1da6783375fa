// The firmware path for the simulator: the bundle's chip driver (ENC28J60 or W5500) over the
// register-level emulator (test/emu), whose wire side is plugged into another Device (a TAP, or
// the far end of a virtual wire). Frames the chip transmits go out of `port`; frames arriving on
// `port` are written into the chip's receive buffer (dropped there, like on the real chip, when
// it is full). Node-only, never bundled.
import { emulatedDevice } from '../../test/emu/index.mjs';

/** A clock in real milliseconds that the driver's start-up delays can move forward at once. */
export function realClock() {
  let skew = 0;
  return { now: () => performance.now() + skew, advance: (ms) => { skew += ms; } };
}

/**
 * Starts `chip` ('enc28j60' | 'w5500') with MAC `mac` and wires its emulator to `port`, a Device
 * with onFrame (UdpFrameDevice, or one end of a virtual wire). Returns { dev, emu, hal, pump(),
 * stats }: dev is the driver (the Device the stack uses); pump() moves frames waiting on `port`
 * into the chip and is also run by itself whenever `port` signals a frame (onFrame).
 * onChipFrame (optional) is called after frames were put into the chip, so the stack can poll.
 */
export function chipOnPort(lib, chip, mac, port, { onChipFrame = null, emuOptions = {}, devOptions = {} } = {}) {
  const clock = realClock();
  const { dev, emu, hal } = emulatedDevice(lib, chip, mac, emuOptions, devOptions, clock);
  const stats = { toChip: 0, chipDropped: 0, fromChip: 0 };
  const buf = new Uint8Array(port.maxFrame || 1514);
  // The chip keeps time on the same clock: a frame leaves after its wire time, and with no SPI
  // traffic to notice it, a timer lets the chip finish it.
  emu.onBusy = (ms) => { setTimeout(() => emu.tick(), Math.ceil(ms)); };
  emu.onTransmit = (frame) => {
    emu.sent.length = 0; // the emulator keeps a log of sent frames: keep it from growing
    stats.fromChip++;
    port.transmit(frame, 0, frame.length);
  };
  function pump() {
    let n;
    let moved = 0;
    while ((n = port.receive(buf, 0)) > 0) {
      if (emu.inject(buf.slice(0, n))) stats.toChip++;
      else stats.chipDropped++;
      moved++;
    }
    if (moved && onChipFrame) onChipFrame();
  }
  port.onFrame = pump;
  return { dev, emu, hal, pump, stats };
}
