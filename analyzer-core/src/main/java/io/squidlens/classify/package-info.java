/**
 * Decides where each destination really goes: {@link io.squidlens.classify.TrafficClassifier}
 * weighs address rules, name rules, the peer Squid logged, the hosts file and DNS, in that order,
 * and explains its {@link io.squidlens.classify.Classification}. {@link
 * io.squidlens.classify.Verdicts} folds them into one {@link io.squidlens.classify.Verdict} per
 * host.
 */
package io.squidlens.classify;
