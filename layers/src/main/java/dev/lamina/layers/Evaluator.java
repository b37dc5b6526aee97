package dev.lamina.layers;

import dev.lamina.core.loss.Loss;
import dev.lamina.core.loss.Reduction;
import dev.lamina.core.metric.FBetaScore;
import dev.lamina.core.metric.Metric;
import dev.lamina.core.metric.Metrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code evaluate}: the mean loss and the metrics over a data set, in batches (the result does not depend on
 * the batch size); also the validation step of {@code fit}. With sample weights the loss is Keras's
 * {@code sum_over_batch_size} reduction over the whole set, {@code sum(w * loss) / n} (as in training), and every
 * metric is updated with the weights.
 *
 * <pre>{@code
 * Map<String, Double> scores = Evaluator.evaluate(model, x, y, null, 32);   // {loss=..., accuracy=...}
 * Map<String, Double> streamed = Evaluator.evaluate(model, source);       // one pass of a BatchSource
 * }</pre>
 */
final class Evaluator {

    private Evaluator() {
    }

    /**
     * {@code model.evaluate(x, y, sampleWeights, batchSize)} for dense or sparse {@code x} ({@code sampleWeights}
     * null for none): checks the inputs, then evaluates.
     */
    static Map<String, Double> evaluate(Model model, Object x, INDArray y, INDArray sampleWeights, int batchSize) {
        model.requireCompiled("evaluate");
        Predictor.checkBatchSize(batchSize);
        BatchRows rows = Inputs.rows(model, x, "evaluate", true);
        INDArray labels = Inputs.labels(model, y, rows.count(), "evaluate");
        INDArray weights = Inputs.sampleWeights(model, sampleWeights, rows.count(), "evaluate");
        return evaluate(model, ArrayFeed.inOrder(rows, labels, weights, batchSize));
    }

    /** {@code model.evaluate(source)}: the scores over one pass of a batch source. */
    static Map<String, Double> evaluate(Model model, BatchSource source) {
        model.requireCompiled("evaluate");
        return evaluate(model, new SourceFeed(model, source, "evaluate", true, null));
    }

    /** The scores over one pass of a feed (also the validation of {@code fit}). */
    static Map<String, Double> evaluate(Model model, Feed feed) {
        Loss loss = model.loss();
        List<Metric> metrics = null;
        boolean fused = false;
        long n = 0;
        double lossSum = 0;
        double penalty = 0;
        try (Feed.Steps steps = feed.open(0)) {
            while (steps.hasNext()) {
                Feed.Step step = steps.next();
                Batch x = step.x();
                INDArray y = step.y();
                INDArray w = step.w();
                long rows = step.rows();
                List<Layer> layers = model.layers();
                if (metrics == null) { // after the first batch, which builds a model fed by a source
                    metrics = metrics(model, y.size(1));
                    fused = loss.fusesWith(layers.get(layers.size() - 1).activation());
                    // Keras adds the regularization penalties (model.losses) to every batch's loss
                    penalty = model.weights().read(() -> Backprop.regularizationLoss(layers));
                }
                boolean fusedPass = fused;
                Pass.Result result = model.weights().read(() -> Pass.infer(layers, x, fusedPass));
                INDArray perSample = fused ? loss.perSampleFromLogits(result.logits(), y)
                        : loss.perSample(result.output(), y);
                INDArray losses = perSample.castTo(DataType.DOUBLE).reshape(rows, 1);
                if (w != null) {
                    losses.muli(w.castTo(DataType.DOUBLE));
                }
                if (loss.reduction() == Reduction.SUM_OVER_BATCH_SIZE) {
                    lossSum += losses.sumNumber().doubleValue();
                } else { // each batch reduced as in training, then averaged by batch size (Keras's loss tracker)
                    boolean byWeight = loss.reduction() == Reduction.MEAN_WITH_SAMPLE_WEIGHT && w != null;
                    double divisor = loss.reduction().divisor(rows,
                            byWeight ? w.castTo(DataType.DOUBLE).sumNumber().doubleValue() : Double.NaN);
                    lossSum += divisor == 0 ? 0 : losses.sumNumber().doubleValue() / divisor * rows;
                }
                lossSum += (penalty + result.activityLoss()) * rows;
                for (Metric metric : metrics) {
                    metric.update(result.output(), y, w);
                }
                n += rows;
            }
        }
        if (metrics == null) {
            throw new IllegalArgumentException("evaluate: the data yielded no batches; there is nothing to score.");
        }
        return logs(lossSum / n, metrics);
    }

    /** The compiled metrics, fresh (names resolved for labels {@code labelWidth} wide, objects copied). */
    static List<Metric> metrics(Model model, long labelWidth) {
        List<Metric> metrics = new ArrayList<>();
        for (Object metric : model.metrics()) {
            if (metric instanceof FBetaScore score && score.config().get("average") == null
                    && model.outputSize() != 1) {
                throw new IllegalArgumentException("Metric '" + score.name() + "' has average=null: one score per "
                        + "class, " + model.outputSize() + " here, and History holds one number per metric. Give it "
                        + "an average (\"micro\", \"macro\" or \"weighted\"), or read perClass() on predict's "
                        + "output.");
            }
            metrics.add(metric instanceof Metric object ? object.fresh()
                    : Metrics.get((String) metric, model.outputSize(), labelWidth));
        }
        return metrics;
    }

    /** {@code loss} then each metric's result, as Keras's logs. */
    static Map<String, Double> logs(double loss, List<Metric> metrics) {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", loss);
        for (Metric metric : metrics) {
            logs.put(metric.name(), metric.result());
        }
        return logs;
    }
}
