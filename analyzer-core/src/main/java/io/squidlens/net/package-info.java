/**
 * Destinations and address blocks: {@link io.squidlens.net.Destination} normalises a logged host
 * and port the way NO_PROXY matching sees it, {@link io.squidlens.net.Cidrs} parses blocks and says
 * which are private or too broad, and {@link io.squidlens.net.PublicSuffixes} says which names are
 * public suffixes or shared provider zones.
 */
package io.squidlens.net;
