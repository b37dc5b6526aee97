package dev.lamina.benchmarks;

import dev.lamina.examples.reviews.MaFonction;
import dev.lamina.layers.Sequential;
import dev.lamina.layers.SparseRows;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * A fresh JVM that loads a saved model and predicts one review, for the time-to-first-prediction measurement (JVM
 * start, ND4J start, model load, one predict). Prints the milliseconds since the JVM started.
 *
 * <pre>{@code
 * java -cp ... dev.lamina.benchmarks.FirstPrediction out/model.json
 * }</pre>
 */
public final class FirstPrediction {

    private FirstPrediction() {
    }

    public static void main(String[] args) throws Exception {
        MaFonction.register();
        Sequential model = Sequential.load(Path.of(args[0]));
        double p = model.predict(SparseRows.multiHot(model.inputSize(), new int[][] {{1, 5, 42, 300}})).getDouble(0);
        long sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println("first-prediction-ms " + sinceStart + " p=" + p);
    }
}
