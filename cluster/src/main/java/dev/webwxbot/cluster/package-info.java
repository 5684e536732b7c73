/**
 * Scale-out through Redis (docs/cluster.md): each daemon of a cluster claims accounts with an expiring lease and
 * renews it while it holds the session; the session's state (snapshot, inbound journal, outbox) lives in Redis,
 * written only by the lease holder, so that the daemon taking an account over resumes it without a scan and hands
 * nothing to plugins twice. {@link dev.webwxbot.cluster.Cluster} is the entry point.
 */
package dev.webwxbot.cluster;
