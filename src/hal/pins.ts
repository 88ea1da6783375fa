/** An output pin (reset line). */
export interface OutPin {
  write(high: boolean): void;
}

/** An input pin (the chip's interrupt line, active low on both chips). */
export interface InPin {
  read(): boolean;
}

/** Milliseconds, monotonic (board: getTime() * 1000; Node: Date.now() or a test's virtual clock). */
export interface Clock {
  now(): number;
}
