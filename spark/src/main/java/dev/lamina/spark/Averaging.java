package dev.lamina.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameter averaging, as DL4J's {@code ParameterAveragingTrainingMaster}: the new weights are the mean of the
 * replicas' weights after their local steps, and so is every optimizer slot (moments, accumulators; DL4J's
 * {@code averageUpdaters}); the step count is the largest of the replicas'. Each replica weighs by the rows it
 * trained on in the round (equal weights whenever every partition ran full rounds, as DL4J's plain mean). Sums run
 * in float64 in partition order, so a round's result does not depend on which task finished first.
 *
 * <pre>{@code
 * Snapshot next = Averaging.average(results);   // results in partition order
 * next.applyTo(model);
 * }</pre>
 */
final class Averaging {

    private Averaging() {
    }

    static Snapshot average(List<RoundResult> results) {
        if (results.isEmpty()) {
            throw new IllegalStateException("No partition trained in this round");
        }
        long rows = 0;
        long iterations = 0;
        for (RoundResult r : results) {
            rows += r.rows();
            iterations = Math.max(iterations, r.end().iterations());
        }
        Snapshot first = results.get(0).end();
        List<float[]> weights = new ArrayList<>();
        for (int t = 0; t < first.weights().size(); t++) {
            int tensor = t;
            weights.add(mean(results, rows, r -> r.end().weights().get(tensor)));
        }
        Map<String, float[]> slots = new LinkedHashMap<>();
        for (String name : first.slots().keySet()) {
            slots.put(name, mean(results, rows, r -> {
                float[] slot = r.end().slots().get(name);
                if (slot == null) {
                    throw new IllegalStateException("Partition " + r.partition() + " has no optimizer slot '" + name
                            + "' where partition " + results.get(0).partition() + " has one");
                }
                return slot;
            }));
        }
        return new Snapshot(weights, first.shapes(), slots, first.slotShapes(), iterations);
    }

    private static float[] mean(List<RoundResult> results, long rows, java.util.function.Function<RoundResult,
            float[]> values) {
        int n = values.apply(results.get(0)).length;
        double[] sum = new double[n];
        for (RoundResult r : results) {
            float[] v = values.apply(r);
            double weight = (double) r.rows() / rows;
            for (int i = 0; i < n; i++) {
                sum[i] += weight * v[i];
            }
        }
        float[] mean = new float[n];
        for (int i = 0; i < n; i++) {
            mean[i] = (float) sum[i];
        }
        return mean;
    }
}
