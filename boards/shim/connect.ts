// connect() for the Espruino boards: starts the chip, builds the Interface, and polls it on the
// chip's interrupt, when a socket has something to send, and at the stack's next deadline (pollAt)
// — otherwise the board sleeps. A slow fallback timer catches a missed interrupt edge.
import { Interface } from '../../src/iface/interface';
import { BoardDeviceOptions, BoardDevice } from './espruino-device';

/** Options of a board's connect(): the chip and pins (see startDevice) and the interface config. */
export interface ConnectOptions extends BoardDeviceOptions {
  /** IPv4 address, prefix length and gateway ("0.0.0.0" or absent: unconfigured). */
  ip?: string;
  prefix?: number;
  gateway?: string;
  mtu?: number;
  /** Socket slots (NO_ALLOC: the fixed pool). */
  sockets?: number;
  arpCacheSize?: number;
}

/** The running stack: the interface (sockets are added to it), the device, and stop(). */
export interface Stack {
  iface: Interface;
  device: BoardDevice;
  /** Polls now and re-arms the deadline timer (the board calls it by itself). */
  poll: () => void;
  stop: () => void;
}

export function connectBoard(options: ConnectOptions, start: (o: BoardDeviceOptions) => BoardDevice): Stack {
  const o: any = options || {};
  let iface: Interface | null = null;
  let timer = -1, soon = -1;
  function run(): void {
    soon = -1;
    if (iface === null) return;
    const now = getTime() * 1000;
    iface.poll(now);
    const at = iface.pollAt(now);
    if (timer !== -1) clearTimeout(timer);
    timer = at < 0 ? -1 : setTimeout(run, at > now ? at - now : 0);
  }
  const devOptions: any = {};
  for (const k in o) devOptions[k] = o[k];
  devOptions.onWake = run;
  devOptions.pollMs = o.pollMs || 1000;
  const device = start(devOptions);
  iface = new Interface({ device: device, ip: o.ip, prefix: o.prefix, gateway: o.gateway, mtu: o.mtu, sockets: o.sockets, arpCacheSize: o.arpCacheSize });
  // A socket that queues data outside poll asks for a poll on the next tick.
  iface.onWork = function () {
    if (soon === -1) soon = setTimeout(run, 0);
  };
  run();
  return {
    iface: iface,
    device: device,
    poll: run,
    stop: function () {
      device.stop();
      if (timer !== -1) clearTimeout(timer);
      if (soon !== -1) clearTimeout(soon);
      timer = soon = -1;
      iface = null;
    },
  };
}
