// Public surface of src/storage: re-exported by the node-sim board for tests.
export {};
