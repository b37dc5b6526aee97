package dev.lamina.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The tests' one Spark: {@code local[2]} (two executor threads in this JVM), started on first use and shared by
 * every test class, with the UI off and few shuffle partitions.
 *
 * <pre>{@code
 * SparkSession spark = LocalSpark.session();
 * }</pre>
 */
final class LocalSpark {

    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("lamina-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .getOrCreate();
        }
        return session;
    }
}
