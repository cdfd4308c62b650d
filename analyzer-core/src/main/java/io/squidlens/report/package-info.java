/**
 * Writes an {@link io.squidlens.Analysis} for people and programs: {@link
 * io.squidlens.report.TextReport} for terminals, {@link io.squidlens.report.JsonReport} for
 * scripts. Output is deterministic, and every string from a log is escaped before it is printed.
 */
package io.squidlens.report;
