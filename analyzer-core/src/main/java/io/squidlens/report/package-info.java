/**
 * Writes what squidlens found for people and programs, through {@link io.squidlens.report.Reports}:
 * text for terminals, JSON and CSV for scripts, Markdown and HTML for tickets and browsers, the
 * check, the explanation and follow mode's view and events; {@link
 * io.squidlens.report.RecordWriter} for {@code parse}. Output is deterministic, the same bytes on
 * every platform ({@code \n} line ends), and every string from a log is escaped before it is
 * printed.
 */
package io.squidlens.report;
