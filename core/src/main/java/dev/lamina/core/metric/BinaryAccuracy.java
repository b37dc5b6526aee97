package dev.lamina.core.metric;

import dev.lamina.core.FastPaths;
import dev.lamina.core.HostFloats;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code binary_accuracy(threshold=0.5)}: the fraction of outputs where {@code (yPred > threshold)} equals the
 * label.
 *
 * <pre>{@code
 * new BinaryAccuracy("accuracy", 0.5);
 * }</pre>
 */
public final class BinaryAccuracy extends CountingMetric {

    private final double threshold;

    public BinaryAccuracy() {
        this("binary_accuracy", 0.5);
    }

    /** @param name the name it reports under ({@code accuracy} when resolved from that name, as Keras does) */
    public BinaryAccuracy(String name, double threshold) {
        super(name);
        this.threshold = threshold;
    }

    @Override
    public void update(INDArray yPred, INDArray yTrue, INDArray sampleWeights) {
        if (sampleWeights != null) {
            double[][][] rows = Rows.sameShape(name(), yPred, yTrue);
            double[] rowHits = new double[rows[0].length];
            for (int i = 0; i < rowHits.length; i++) {
                for (int j = 0; j < rows[0][i].length; j++) {
                    rowHits[i] += (rows[0][i][j] > threshold ? 1.0 : 0.0) == rows[1][i][j] ? 1 : 0;
                }
            }
            int width = rowHits.length == 0 ? 1 : rows[0][0].length;
            addWeighted(rowHits, width, Rows.weights(name(), sampleWeights, rowHits.length));
            return;
        }
        if (FastPaths.elementwiseInJava(yPred.length()) && yPred.length() == yTrue.length()) {
            // a Java loop over a batch's few hundred values beats ND4J's five small ops (~85 us of per-op overhead)
            float[] p = HostFloats.of(yPred);
            float[] y = HostFloats.of(yTrue);
            int hits = 0;
            for (int i = 0; i < p.length; i++) {
                hits += (p[i] > threshold ? 1f : 0f) == y[i] ? 1 : 0;
            }
            add(hits, p.length);
            return;
        }
        INDArray predicted = yPred.gt(threshold).castTo(yTrue.dataType());
        add(predicted.eq(yTrue).castTo(yTrue.dataType()).sumNumber().doubleValue(), yPred.length());
    }

    @Override
    public String className() {
        return "BinaryAccuracy";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name());
        config.put("threshold", threshold);
        return config;
    }
}
