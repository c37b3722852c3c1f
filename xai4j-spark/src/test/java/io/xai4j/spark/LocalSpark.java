package io.xai4j.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one local Spark session of the module's tests: two threads, a task retried once after a failure
 * ({@code local[2,2]}), no UI, two shuffle partitions.
 */
final class LocalSpark {

    private static SparkSession session;

    private LocalSpark() {}

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder().master("local[2,2]").appName("xai4j-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.driver.host", "127.0.0.1")
                    .getOrCreate();
        }
        return session;
    }
}
