/**
 * Decides where each destination really goes: {@link io.squidlens.classify.TrafficClassifier}
 * weighs address rules, name rules, the peer Squid logged, the hosts file and DNS, in that order,
 * and explains its {@link io.squidlens.classify.Classification}, and folds a host's ports into one
 * {@link io.squidlens.classify.Verdict} (its statistics and its decisive classification).
 */
package io.squidlens.classify;
