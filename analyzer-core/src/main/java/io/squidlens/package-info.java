/**
 * squidlens: reads Squid access logs, classifies every destination and recommends NO_PROXY values.
 * {@link io.squidlens.Analyzer}, built from {@link io.squidlens.AnalyzerOptions}, is the one front
 * door for batch and follow mode; it returns an {@link io.squidlens.Analysis}.
 */
package io.squidlens;
