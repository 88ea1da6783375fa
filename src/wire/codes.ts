/** Result codes of every parse function: 0 is Ok, anything else says why the bytes were refused. */
export const enum WireError {
  Ok = 0,
  /** Fewer bytes than the header (or a length field) needs. */
  Truncated = 1,
  /** A length field that contradicts the bytes or the header. */
  BadLength = 2,
  /** Checksum mismatch. */
  BadChecksum = 3,
  /** A header-length field below the minimum or past the data. */
  BadHeaderLength = 4,
  /** A version field we do not speak (IPv4 parse of a non-4 version). */
  UnknownVersion = 5,
  /** Well-formed but not something we handle (ARP for another protocol, ...). */
  Unsupported = 6,
  /** A malformed field (bad option layout, impossible value). */
  Malformed = 7,
  /** Well-formed, but not an answer to what we asked (a DNS question that differs). */
  Mismatch = 8,
}
