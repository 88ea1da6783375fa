// Public surface of src/socket: re-exported by the node-sim board for tests.
export {};
