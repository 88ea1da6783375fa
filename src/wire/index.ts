// Public surface of src/wire: re-exported by the node-sim board for tests.
export {};
