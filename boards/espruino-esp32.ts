// Board entry for Espruino on ESP32. Default wiring (both chips, override any pin in options):
//   SPI2 (VSPI): SCK D18, MISO D19, MOSI D23; CS D5; INT D4; RESET D22; 10 MHz.
// SPI1 (HSPI: SCK D14, MISO D12, MOSI D13) works too, but D12 is a boot strapping pin.
import { startEspruinoDevice, BoardDeviceOptions, BoardDevice, BoardPins } from './shim/espruino-device';
import { nativeSum16 } from './shim/native-sum';
import { copyByViews } from '../src/storage/copy';
import { setSum16 } from '../src/wire/checksum';
import { connectBoard, ConnectOptions, Stack } from './shim/connect';

export * as wire from '../src/wire/index';
export var board = 'espruino-esp32';
export var noAlloc = NO_ALLOC;

function pins(chip: string): BoardPins {
  return { spi: SPI2, sck: D18, miso: D19, mosi: D23, cs: D5, int: D4, reset: D22, baud: chip === 'w5500' ? 20000000 : 10000000 };
}

/** Starts an ENC28J60 or W5500 wired as above (or as options say) and returns its Device. */
export function startDevice(options: BoardDeviceOptions): BoardDevice {
  return startEspruinoDevice(options, pins);
}

export { nativeSum16, setSum16, copyByViews };

/** Starts the chip and the stack: DHCP unless options.ip is given, the NetworkJS driver registered;
 *  callback(err, stack) once the address is set. */
export function connect(options: ConnectOptions, callback?: (err: any, stack?: Stack) => void): Stack {
  return connectBoard(options, startDevice, { tcpSockets: 4, udpSockets: 2, txBytes: 2048, rxBytes: 2048, udpBytes: 2048, dnsQueries: 2 }, callback);
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
