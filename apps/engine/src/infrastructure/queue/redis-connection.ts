import { Cluster, Redis, type RedisOptions } from 'ioredis';

/** How BullMQ reaches Redis: one node (a URL it connects to itself), or a cluster client made here. */
export type QueueConnection = { url: string; maxRetriesPerRequest: null } | Cluster;

/**
 * REDIS_URL names the node (or, for a cluster, one seed node: the client discovers the rest).
 * Credentials and TLS (rediss://) come from the URL in both cases. Blocking worker connections must
 * wait through a reconnect, never fail a command: maxRetriesPerRequest null.
 */
export function queueConnection(redisUrl: string, cluster: boolean): QueueConnection {
  if (!cluster) return { url: redisUrl, maxRetriesPerRequest: null };
  const url = new URL(redisUrl);
  const redisOptions: RedisOptions = {
    maxRetriesPerRequest: null,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
  };
  return new Cluster([{ host: url.hostname, port: Number(url.port || 6379) }], {
    redisOptions,
    // Managed clusters (ElastiCache, MemoryDB) announce addresses their TLS certificates do not
    // name; resolving through the seed's hostname keeps certificate checks meaningful.
    ...(url.protocol === 'rediss:' ? { dnsLookup: (address, callback) => callback(null, address) } : {}),
  });
}

/**
 * BullMQ runs Lua scripts over several keys of a queue; a cluster accepts them only when the keys
 * share a hash slot, which a `{...}` hash tag in the prefix guarantees.
 */
export function queuePrefix(prefix: string, cluster: boolean): string {
  return cluster && !/\{.+\}/.test(prefix) ? `{${prefix}}` : prefix;
}

/** A client of its own for other Redis work than the queue (the rate-limit counters). */
export function redisClient(redisUrl: string, cluster: boolean): Redis | Cluster {
  const connection = queueConnection(redisUrl, cluster);
  return connection instanceof Cluster ? connection : new Redis(redisUrl, { maxRetriesPerRequest: 2 });
}
