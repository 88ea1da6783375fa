// Public surface of src/app: re-exported by the node-sim board for tests.
export {};
