/**
 * Reads log bytes into fields without making a String per field: {@link
 * io.squidlens.parse.LogReader} splits inputs (files in parallel chunks, streams and gzip
 * sequentially) into lines, a package-private parser fills one reusable buffer of offsets per
 * thread, and what leaves the package is its read-only {@link io.squidlens.parse.LineView}, with
 * the Squid meaning of each line (denied, authentication challenge, peer query, direct) decided
 * here. Lines that are not records become {@link io.squidlens.parse.ParseProblem}s, never
 * exceptions; {@link io.squidlens.parse.LogRecord} is the allocating copy of a line for tools.
 *
 * <p>The native line grammar ({@code FormatSquidNative.cc}), fields separated by single spaces
 * except where noted:
 *
 * <pre>
 * line     := [prefix] record [" [" reqhdrs "] [" rephdrs "]"] ['"' referer '" "' agent '"']
 * prefix   := syslog or shipper header ending before the first "digits.digits" token
 * record   := time elapsed client code "/" status bytes method url user hier "/" peer mime
 * time     := digits ["." digits]          ; seconds since the epoch, usually with ms
 * elapsed  := spaces* ["-"] digits          ; right-aligned in width 6: padding varies
 * client   := IPv4 | IPv6 (unbracketed) | hostname | "-"
 * code     := tags joined by "_"           ; TCP_TUNNEL, NONE_NONE, TAG_NONE_ABORTED, ...
 * status   := 1*3digits                    ; 000 when nothing was sent
 * url      := host ":" port | "[" IPv6 "]:" port | absolute URL | "/" path | "error:" name | "-"
 * user     := "-" | Squid-quoted name      ; may contain spaces
 * hier     := ["TIMEOUT_"] HIER_* | DIRECT | NONE | *_PARENT | ...
 * peer     := IPv4 | IPv6 | hostname | "-" | ""
 * mime     := type cut at ";" | "-"
 * </pre>
 */
package io.squidlens.parse;
