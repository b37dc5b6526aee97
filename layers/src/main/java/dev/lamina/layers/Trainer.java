package dev.lamina.layers;

import dev.lamina.core.metric.Metric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One run of {@code fit}: epochs of shuffled batches, each a {@link Backprop} and one optimizer step, metrics,
 * validation through {@link Evaluator}, and the callbacks (progress and the NaN policy are callbacks too, as in
 * Keras).
 *
 * <pre>{@code
 * History history = new Trainer(model, FitOptions.epochs(4).batchSize(512)).fit(rows, labels);
 * }</pre>
 */
final class Trainer {

    private final Model model;
    private final FitOptions options;
    /** The sample weights of the rows a validation split holds out, or null. */
    private INDArray validationWeights;

    Trainer(Model model, FitOptions options) {
        this.model = model;
        this.options = options;
    }

    History fit(Object x, INDArray y) {
        model.requireCompiled("fit");
        BatchRows all = Inputs.rows(model, x, "fit", true);
        INDArray labels = Inputs.labels(model, y, all.count(), "fit");
        INDArray weights = options.classWeight() != null
                ? ClassWeights.perRow(options.classWeight(), labels, model.dataType())
                : Inputs.sampleWeights(model, options.sampleWeights(), all.count(), "fit");
        model.checks().atFirstFit(labels);
        model.alignOptimizerState();

        BatchRows train = all;
        INDArray trainLabels = labels;
        INDArray trainWeights = weights;
        BatchRows validation = null;
        INDArray validationLabels = null;
        if (options.validationX() != null) {
            validation = Inputs.rows(model, options.validationX(), "fit (validation data)", true);
            validationLabels = Inputs.labels(model, options.validationY(), validation.count(),
                    "fit (validation data)");
        } else if (options.validationSplit() > 0) {
            long splitAt = (long) Math.floor(all.count() * (1.0 - options.validationSplit()));
            if (splitAt <= 0 || splitAt >= all.count()) {
                throw new IllegalArgumentException("validationSplit=" + options.validationSplit() + " leaves no "
                        + "training or no validation rows out of " + all.count() + ".");
            }
            train = all.head(splitAt);
            validation = all.tail(splitAt);
            trainLabels = rowsOf(labels, 0, splitAt);
            validationLabels = rowsOf(labels, splitAt, all.count());
            trainWeights = weights == null ? null : rowsOf(weights, 0, splitAt);
            if (options.sampleWeights() != null) { // as Keras: the split carries sample weights; class weights
                validationWeights = rowsOf(weights, splitAt, all.count()); // weigh the training rows only
            }
        }

        int batchSize = options.batchSize();
        int steps = (int) ((train.count() + batchSize - 1) / batchSize);
        List<Callback> callbacks = callbacks(steps);
        int blasThreads = Gemm.useThreadsFor(largestProduct(batchSize, train instanceof BatchRows.Sparse));
        try {
            return run(train, trainLabels, trainWeights, validation, validationLabels, callbacks, steps);
        } finally {
            Gemm.restoreThreads(blasThreads);
        }
    }

    /** The multiply-adds of the largest GEMM in a training step of {@code rows} rows (sparse input needs none). */
    private long largestProduct(long rows, boolean sparseInput) {
        long largest = 0;
        for (Layer layer : model.layers().subList(sparseInput ? 1 : 0, model.layers().size())) {
            largest = Math.max(largest, rows * layer.inputSize() * layer.outputSize());
        }
        return largest;
    }

    private History run(BatchRows train, INDArray trainLabels, INDArray trainWeights, BatchRows validation,
                        INDArray validationLabels, List<Callback> callbacks, int steps) {
        int n = (int) train.count();
        int batchSize = options.batchSize();
        model.shuffleSeed(options.seed() != null ? options.seed()
                : model.seed() != null ? model.seed() * 31 + 17 : System.nanoTime());
        List<Metric> metrics = Evaluator.metrics(model, trainLabels.size(1));
        Backprop backprop = new Backprop(model);
        LabelBatches labelBatches = new LabelBatches(trainLabels);
        Map<Integer, INDArray> weightBuffers = new HashMap<>();
        History history = new History();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        callbacks.forEach(c -> c.onTrainBegin(model));
        TrainingPosition resume = model.takeResumePosition(); // set by BackupAndRestore
        if (resume != null && resume.batch() >= steps) { // backed up after an epoch's last batch: the next epoch
            resume = new TrainingPosition(resume.epoch() + 1, 0, resume.shuffleSeed());
        }
        int firstEpoch = resume == null ? options.initialEpoch() : resume.epoch();
        if (resume != null) {
            model.shuffleSeed(resume.shuffleSeed());
        }
        Random shuffler = new Random(model.shuffleSeed());
        for (int done = options.initialEpoch(); options.shuffle() && done < firstEpoch; done++) {
            shuffle(order, shuffler); // replays the orders of the epochs trained before, so the next one is the same
        }
        for (int epoch = firstEpoch; epoch < options.epochs() && !model.stopRequested(); epoch++) {
            for (Callback callback : callbacks) {
                callback.onEpochBegin(epoch);
            }
            if (options.shuffle()) {
                shuffle(order, shuffler);
            }
            metrics.forEach(Metric::reset);
            double lossSum = 0;
            long seen = 0;
            Map<String, Double> logs = new LinkedHashMap<>();
            int firstStep = resume != null && epoch == firstEpoch ? resume.batch() : 0;
            for (int step = firstStep; step < steps && !model.stopRequested(); step++) {
                for (Callback callback : callbacks) {
                    callback.onBatchBegin(step);
                }
                int from = step * batchSize;
                int to = Math.min(n, from + batchSize);
                Batch xb = train.gather(order, from, to);
                INDArray yb = labelBatches.gather(order, from, to);
                INDArray wb = null;
                if (trainWeights != null) {
                    wb = weightBuffers.computeIfAbsent(to - from, k -> Nd4j.create(model.dataType(), k, 1));
                    Nd4j.pullRows(trainWeights, wb, 1, Arrays.copyOfRange(order, from, to));
                }
                Backprop.Result result = trainStep(backprop, xb, yb, wb, epoch, step);
                Map<String, Double> batchLogs;
                if (Double.isFinite(result.loss())) {
                    lossSum += result.loss() * (to - from);
                    seen += to - from;
                    for (Metric metric : metrics) {
                        metric.update(result.output(), yb, wb); // weighted as the loss, as Keras does
                    }
                    logs = Evaluator.logs(lossSum / seen, metrics);
                    batchLogs = logs;
                } else { // the step was not applied; the callbacks decide what follows
                    batchLogs = Map.of("loss", result.loss());
                }
                for (Callback callback : callbacks) {
                    callback.onBatchEnd(step, batchLogs);
                }
            }
            if (seen == 0) {
                break;
            }
            if (validation != null) {
                for (Map.Entry<String, Double> score : Evaluator.evaluate(model, validation, validationLabels,
                        validationWeights, batchSize).entrySet()) {
                    logs.put("val_" + score.getKey(), score.getValue());
                }
            }
            for (Callback callback : callbacks) {
                callback.onEpochEnd(epoch, logs);
            }
            history.record(epoch, logs); // last, as Keras's History: it sees what callbacks add (learning_rate)
        }
        model.weights().finalizeValues(model.optimizer()); // Keras: with use_ema, weights = EMA before on_train_end
        for (Callback callback : callbacks) {
            callback.onTrainEnd(model, history);
        }
        return history;
    }

    /** Forward, loss, backward and one optimizer step, skipped when the loss or a gradient is not finite. */
    private Backprop.Result trainStep(Backprop backprop, Batch x, INDArray y, INDArray sampleWeights, int epoch,
                                      int step) {
        try {
            Backprop.Result result = backprop.compute(x, y, sampleWeights);
            if (!Double.isFinite(result.loss())) {
                return result;
            }
            INDArray trainableGradients = model.weights().trainableGradients();
            if (trainableGradients != null && NonFinite.any(trainableGradients)) {
                return new Backprop.Result(Double.NaN, result.output());
            }
            model.weights().step(model.optimizer());
            return result;
        } catch (OutOfMemoryError e) {
            throw new IllegalStateException("Out of memory at epoch " + (epoch + 1) + ", batch " + (step + 1)
                    + " (" + e.getMessage() + "). Training stopped; the model keeps the weights from before "
                    + "this batch and remains usable. Use a smaller batch size, sparse input (SparseRows) or "
                    + "a larger -Xmx / JavaCPP limit (-Dorg.bytedeco.javacpp.maxbytes).", e);
        }
    }

    /** The user's callbacks, after the NaN policy (unless a TerminateOnNaN is among them), then the progress bar. */
    private List<Callback> callbacks(int steps) {
        List<Callback> all = new ArrayList<>();
        if (options.callbacks().stream().noneMatch(c -> c instanceof TerminateOnNaN)) {
            all.add(new FailOnNonFiniteLoss());
        }
        all.addAll(options.callbacks());
        if (options.verbose() > 0) {
            all.add(new ProgbarLogger(System.out, options.verbose(), options.epochs(), steps,
                    ProgbarLogger.onTerminal()));
        }
        return all;
    }

    private static INDArray rowsOf(INDArray array, long from, long to) {
        return array.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup('c');
    }

    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }
}
