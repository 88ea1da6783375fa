// Public surface of src/iface: re-exported by the node-sim board for tests.
export {};
