/**
 * Keeps aggregates, not lines: an {@link io.squidlens.aggregate.Accumulator} per parsing thread
 * folds records into per-destination statistics, and its {@link io.squidlens.aggregate.Summary}
 * merges associatively and commutatively with others, whatever thread, file or machine they came
 * from.
 */
package io.squidlens.aggregate;
