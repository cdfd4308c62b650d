/**
 * Name resolution behind one interface, {@link io.squidlens.dns.HostResolver}: a worker's hosts
 * file, DNS, or nothing, so classification never depends on the network unless asked to.
 */
package io.squidlens.dns;
