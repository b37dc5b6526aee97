package dev.lamina.examples.reviews;

import org.apache.spark.sql.SparkSession;

/**
 * The example's Spark session for {@code --spark MASTER} ({@code local[2]}, {@code spark://host:7077}, ...): the UI
 * off and the driver on the loopback address for local masters, Spark's own logging at warnings only.
 *
 * <pre>{@code
 * try (SparkSession spark = SparkSessions.start("local[2]")) { ... }
 * }</pre>
 */
final class SparkSessions {

    private SparkSessions() {
    }

    static SparkSession start(String master) {
        if (master == null || master.isBlank() || master.startsWith("--")) {
            throw new IllegalArgumentException("--spark needs a master URL, e.g. --spark local[2] or --spark "
                    + "spark://host:7077");
        }
        SparkSession.Builder builder = SparkSession.builder().master(master).appName("lamina-movie-reviews")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "8");
        if (master.startsWith("local")) {
            builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        }
        SparkSession spark = builder.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }
}
