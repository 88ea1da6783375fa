// Board entry for the original Espruino board (STM32F103). Default wiring (both chips, override
// any pin): SPI1: SCK A5, MISO A6, MOSI A7; CS A4; INT A1; RESET A0; 8 MHz.
import { startEspruinoDevice, BoardDeviceOptions, BoardDevice, BoardPins } from './shim/espruino-device';
import { nativeSum16 } from './shim/native-sum';
import { copyByViews } from '../src/storage/copy';
import { setSum16 } from '../src/wire/checksum';
import { connectBoard, ConnectOptions, Stack } from './shim/connect';

export * as wire from '../src/wire/index';
export var board = 'espruino-original';
export var noAlloc = NO_ALLOC;

function pins(chip: string): BoardPins {
  return { spi: SPI1, sck: A5, miso: A6, mosi: A7, cs: A4, int: A1, reset: A0, baud: 8000000 };
}

/** Starts an ENC28J60 or W5500 wired as above (or as options say) and returns its Device. */
export function startDevice(options: BoardDeviceOptions): BoardDevice {
  return startEspruinoDevice(options, pins);
}

export { nativeSum16, setSum16, copyByViews };

/** Starts the chip and the stack: DHCP unless options.ip is given, the NetworkJS driver registered;
 *  callback(err, stack) once the address is set. */
export function connect(options: ConnectOptions, callback?: (err: any, stack?: Stack) => void): Stack {
  return connectBoard(options, startDevice, { tcpSockets: 1, udpSockets: 1, txBytes: 512, rxBytes: 512, udpBytes: 512, dnsQueries: 1 }, callback);
}

export { Interface } from '../src/iface/interface';
export { UdpSocket } from '../src/socket/udp';
export { IcmpSocket } from '../src/socket/icmp';
export { RawSocket } from '../src/socket/raw';
export { TcpSocket } from '../src/socket/tcp';
export { DhcpClient } from '../src/app/dhcp';
export { DnsClient } from '../src/app/dns';
export { NetworkDriver } from '../src/app/networkjs';
export { SOCKET_ERRORS } from '../src/socket/errors';
