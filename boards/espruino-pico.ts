// Board entry for espruino-pico. The board shim (SPI, pins, interrupt) arrives with the chip drivers.
export var board = 'espruino-pico';
export var noAlloc = NO_ALLOC;
