// Public surface of src/hal: re-exported by the node-sim board for tests.
export {};
