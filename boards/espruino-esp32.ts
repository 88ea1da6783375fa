// Board entry for espruino-esp32. The board shim (SPI, pins, interrupt) arrives with the chip drivers.
export var board = 'espruino-esp32';
export var noAlloc = NO_ALLOC;
