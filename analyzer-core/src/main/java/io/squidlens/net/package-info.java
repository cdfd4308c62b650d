/**
 * Destinations and address blocks: {@link io.squidlens.net.Destination} normalises a logged host
 * and port the way NO_PROXY matching sees it, and {@link io.squidlens.net.CidrTable} answers
 * longest-prefix queries over IPAddress tries.
 */
package io.squidlens.net;
