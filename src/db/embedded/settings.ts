/**
 * The embedded PostgreSQL's settings (DATA_DIR/postgres/bfg2.conf, rewritten at every start): a small
 * install on one machine next to the product. See README "Running on PostgreSQL" for the figures.
 */
export const SERVER_SETTINGS: Record<string, string | number> = {
  // TCP on loopback only, with a password; no Unix socket to collide with a system PostgreSQL's.
  listen_addresses: '127.0.0.1',
  unix_socket_directories: '',
  // Durability like every PostgreSQL install: a committed write survives a crash of either process and power loss.
  fsync: 'on',
  synchronous_commit: 'on',
  full_page_writes: 'on',
  // The product's pool (10) + a CLI command or two + maintenance; each allowed connection reserves memory.
  max_connections: 30,
  // A small install's working set (demo: a few MB; 100k tickets: ~150 MB on disk, hot part far less);
  // the OS page cache holds the rest. The default 128 MB would be most of the memory target.
  shared_buffers: '32MB',
  // No replication or archiving: minimal WAL (crash safety is the same), no WAL sender slots.
  wal_level: 'minimal',
  max_wal_senders: 0,
  max_wal_size: '256MB',
  // Every resident process costs ~8–12 MB of RSS (libraries, catalog caches): PostgreSQL 18's I/O
  // workers (3 by default) give way to synchronous reads, which a small database hardly queues; no
  // logical replication launcher; fewer background and autovacuum worker slots.
  io_method: 'sync',
  max_logical_replication_workers: 0,
  max_worker_processes: 4,
  max_parallel_workers_per_gather: 1,
  autovacuum_max_workers: 2,
  log_checkpoints: 'off',
  lc_messages: 'C',
};
