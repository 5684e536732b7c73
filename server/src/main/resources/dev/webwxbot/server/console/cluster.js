// What the pages share about the cluster (docs/cluster.md): one read of GET /api/v1/cluster. A daemon of its own
// answers 404 NOT_A_CLUSTER; that is no error for the console, only a daemon that has no cluster to show.

/** Resolves to the cluster's state, or null for a daemon of its own; rejects with the ApiError of any other failure
 *  (503 CLUSTER_UNAVAILABLE while Redis is away). */
export async function readCluster(api) {
  try {
    return await api.get('/cluster');
  } catch (e) {
    if (e.status === 404) return null;
    throw e;
  }
}

/** "Daemon n1 of a cluster of 3", with " (draining)" after the name while it drains. */
export function clusterLine(cluster) {
  // This daemon counts even when its own heartbeat is, for a moment, not in Redis.
  const size = cluster.nodes.length + (cluster.nodes.some(n => n.name === cluster.node) ? 0 : 1);
  return 'Daemon ' + cluster.node + (cluster.draining ? ' (draining)' : '') + ' of a cluster of ' + size;
}

/** The lease of one account (who runs it), or undefined when the cluster does not list it. */
export function leaseOf(cluster, account) {
  return cluster?.accounts.find(lease => lease.account === account);
}
