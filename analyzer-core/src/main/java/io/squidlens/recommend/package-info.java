/**
 * Turns classified destinations into NO_PROXY values: {@link
 * io.squidlens.recommend.NoProxyRecommender} builds one {@link
 * io.squidlens.recommend.Recommendation} per target, every entry with its evidence, and checks them
 * against the internet traffic in the log with each client's own matching rules ({@link
 * io.squidlens.recommend.NoProxySemantics}).
 */
package io.squidlens.recommend;
