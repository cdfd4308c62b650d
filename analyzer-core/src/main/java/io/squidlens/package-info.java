/**
 * squidlens: reads Squid access logs, classifies every destination and recommends NO_PROXY values.
 * {@link io.squidlens.Analyzer}, built from {@link io.squidlens.AnalyzerOptions} (which take the
 * values as a user gives them), is the one front door: batch analysis ({@link
 * io.squidlens.Analysis}), follow mode ({@link io.squidlens.LiveAnalysis}), the records of {@code
 * parse}, the explanation of one destination and the check of a list. Front ends use it, the
 * reports and {@code base}, nothing else.
 */
package io.squidlens;
