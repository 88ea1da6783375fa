// Public surface of src/app: the DHCP and DNS clients and the Espruino NetworkJS driver.
export { DhcpClient, DHCP_STATES } from './dhcp';
export type { DhcpOptions } from './dhcp';
export { DnsClient } from './dns';
export type { DnsOptions, DnsCallback } from './dns';
export { NetworkDriver, NETWORK_ERRORS, toNetworkError } from './networkjs';
export type { NetworkDriverOptions } from './networkjs';
