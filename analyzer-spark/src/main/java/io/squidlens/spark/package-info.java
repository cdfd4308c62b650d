/**
 * squidlens analyze on Apache Spark: logs in HDFS or object storage split as Spark splits data,
 * each task's partial summary combined with {@code treeReduce}, the driver classifying and
 * reporting exactly as the command line does.
 */
package io.squidlens.spark;
