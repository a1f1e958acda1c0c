// Types for `cluster-key-slot` (ioredis's own slot function, which ships none): Redis Cluster's CRC16 hash slot
// of a key, honouring `{…}` hash tags.
declare module 'cluster-key-slot' {
  function generate(key: string): number;
  export default generate;
}
