package dev.lamina.layers;

import dev.lamina.core.HostFloats;
import dev.lamina.core.loss.Loss;
import dev.lamina.core.metric.Metric;
import dev.lamina.core.metric.Metrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** One run of {@code fit} or {@code evaluate}: batching, forward, loss, backward, optimizer, metrics, callbacks. */
final class TrainingLoop {

    private final Sequential model;
    private final FitOptions options;

    TrainingLoop(Sequential model, FitOptions options) {
        this.model = model;
        this.options = options;
    }

    // ---- inputs ------------------------------------------------------------------------------------------------

    private BatchRows rowsOf(Object x, String action) {
        if (x instanceof SparseRows sparse) {
            model.checkSparse(sparse, action);
            return new BatchRows.Sparse(sparse);
        }
        return new BatchRows.Dense(model.checkFeatures((INDArray) x, action));
    }

    /** Validates labels against the output and the number of rows; returns them as [n, width] in the model type. */
    private INDArray checkLabels(INDArray y, long rows, String action) {
        if (y == null) {
            throw new IllegalArgumentException(action + ": y is null");
        }
        INDArray labels = y.rank() == 1 ? y.reshape(y.length(), 1) : y;
        if (labels.rank() != 2) {
            throw new IllegalArgumentException(action + ": expected labels of rank 1 or 2; got shape "
                    + Arrays.toString(y.shape()));
        }
        if (labels.size(0) != rows) {
            throw new IllegalArgumentException(action + ": x has " + rows + " rows but y has " + labels.size(0)
                    + "; they must match.");
        }
        Loss loss = model.loss();
        long units = model.outputSize();
        long width = loss.labelWidth(units);
        if (labels.size(1) != width) {
            String hint = labels.size(1) == 1 && units > 1
                    ? " Integer class labels need sparse_categorical_crossentropy."
                    : width == 1 && labels.size(1) == units ? " One-hot labels need categorical_crossentropy." : "";
            throw new IllegalArgumentException(action + ": the model outputs " + units + " columns and "
                    + loss.name() + " expects labels of shape [" + rows + ", " + width + "]; got "
                    + Arrays.toString(y.shape()) + "." + hint);
        }
        if (NonFinite.any(labels)) {
            throw new IllegalArgumentException(action + ": y contains NaN or infinite values (first at "
                    + NonFinite.firstPosition(labels) + ").");
        }
        INDArray cast = labels.dataType() == model.dataType() ? labels : labels.castTo(model.dataType());
        return cast.ordering() == 'c' ? cast : cast.dup('c');
    }

    private INDArray checkSampleWeights(INDArray weights, long rows) {
        if (weights == null) {
            return null;
        }
        if (weights.length() != rows) {
            throw new IllegalArgumentException("fit: sampleWeights has " + weights.length() + " values for " + rows
                    + " rows; give one weight per row.");
        }
        INDArray w = weights.reshape(rows, 1).castTo(model.dataType());
        if (NonFinite.any(w) || w.minNumber().doubleValue() < 0) {
            throw new IllegalArgumentException("fit: sampleWeights must be finite and >= 0");
        }
        return w.dup('c');
    }

    private List<Metric> metrics(long labelWidth) {
        List<Metric> metrics = new ArrayList<>();
        for (String name : model.metricNames()) {
            metrics.add(Metrics.get(name, model.outputSize(), labelWidth));
        }
        return metrics;
    }

    // ---- fit ---------------------------------------------------------------------------------------------------

    History fit(Object x, INDArray y) {
        model.requireCompiled("fit");
        BatchRows all = rowsOf(x, "fit");
        INDArray labels = checkLabels(y, all.count(), "fit");
        INDArray weights = checkSampleWeights(options.sampleWeights(), all.count());
        model.checks().atFirstFit(labels);

        BatchRows train = all;
        INDArray trainLabels = labels;
        INDArray trainWeights = weights;
        BatchRows validation = null;
        INDArray validationLabels = null;
        if (options.validationX() != null) {
            validation = rowsOf(options.validationX(), "fit (validation data)");
            validationLabels = checkLabels(options.validationY(), validation.count(), "fit (validation data)");
        } else if (options.validationSplit() > 0) {
            long splitAt = (long) Math.floor(all.count() * (1.0 - options.validationSplit()));
            if (splitAt <= 0 || splitAt >= all.count()) {
                throw new IllegalArgumentException("validationSplit=" + options.validationSplit() + " leaves no "
                        + "training or no validation rows out of " + all.count() + ".");
            }
            train = all.head(splitAt);
            validation = all.tail(splitAt);
            trainLabels = labels.get(NDArrayIndex.interval(0, splitAt), NDArrayIndex.all()).dup('c');
            validationLabels = labels.get(NDArrayIndex.interval(splitAt, all.count()), NDArrayIndex.all()).dup('c');
            trainWeights = weights == null ? null
                    : weights.get(NDArrayIndex.interval(0, splitAt), NDArrayIndex.all()).dup('c');
        }

        model.packWeights();
        int n = (int) train.count();
        int batchSize = options.batchSize();
        int steps = (n + batchSize - 1) / batchSize;
        Random shuffler = new Random(options.seed() != null ? options.seed()
                : model.seed() != null ? model.seed() * 31 + 17 : System.nanoTime());
        List<Metric> metrics = metrics(trainLabels.size(1));
        Progress progress = new Progress(System.out, options.verbose(), options.epochs(), Progress.onTerminal());
        boolean terminateQuietly = options.callbacks().stream().anyMatch(c -> c instanceof TerminateOnNaN);
        History history = new History();
        LabelBatches labelBatches = new LabelBatches(trainLabels);
        Map<Integer, INDArray> weightBuffers = new java.util.HashMap<>();

        for (Callback callback : options.callbacks()) {
            callback.onTrainBegin(model);
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int epoch = options.initialEpoch(); epoch < options.epochs() && !model.stopTraining; epoch++) {
            for (Callback callback : options.callbacks()) {
                callback.onEpochBegin(epoch);
            }
            progress.epochBegin(epoch, steps);
            if (options.shuffle()) {
                shuffle(order, shuffler);
            }
            metrics.forEach(Metric::reset);
            double lossSum = 0;
            long seen = 0;
            Map<String, Double> logs = new LinkedHashMap<>();
            for (int step = 0; step < steps && !model.stopTraining; step++) {
                for (Callback callback : options.callbacks()) {
                    callback.onBatchBegin(step);
                }
                int from = step * batchSize;
                int to = Math.min(n, from + batchSize);
                int rows = to - from;
                Object xb = train.gather(order, from, to);
                INDArray yb = labelBatches.gather(order, from, to);
                INDArray wb = null;
                if (trainWeights != null) {
                    wb = weightBuffers.computeIfAbsent(rows, k -> Nd4j.create(model.dataType(), k, 1));
                    Nd4j.pullRows(trainWeights, wb, 1, Arrays.copyOfRange(order, from, to));
                }
                StepResult result;
                try {
                    result = trainStep(xb, yb, wb);
                } catch (OutOfMemoryError e) {
                    throw new IllegalStateException("Out of memory at epoch " + (epoch + 1) + ", batch " + (step + 1)
                            + " (" + e.getMessage() + "). Training stopped; the model keeps the weights from before "
                            + "this batch and remains usable. Use a smaller batch size, sparse input (SparseRows) or "
                            + "a larger -Xmx / JavaCPP limit (-Dorg.bytedeco.javacpp.maxbytes).", e);
                }
                if (!Double.isFinite(result.loss())) {
                    if (!terminateQuietly) {
                        throw new NonFiniteLossException(epoch, step, result.loss());
                    }
                    System.out.println("Batch " + step + ": Invalid loss " + result.loss() + ", terminating training");
                    model.stopTraining();
                    break;
                }
                lossSum += result.loss() * rows;
                seen += rows;
                for (Metric metric : metrics) {
                    metric.update(result.output(), yb);
                }
                logs = currentLogs(lossSum / seen, metrics);
                progress.batchEnd(step, logs);
                for (Callback callback : options.callbacks()) {
                    callback.onBatchEnd(step, logs);
                }
            }
            if (seen == 0) {
                break;
            }
            if (validation != null) {
                Map<String, Double> scores = evaluateRows(validation, validationLabels, null);
                for (Map.Entry<String, Double> entry : scores.entrySet()) {
                    logs.put("val_" + entry.getKey(), entry.getValue());
                }
            }
            history.record(epoch, logs);
            progress.epochEnd(logs);
            for (Callback callback : options.callbacks()) {
                callback.onEpochEnd(epoch, logs);
            }
        }
        for (Callback callback : options.callbacks()) {
            callback.onTrainEnd(model, history);
        }
        return history;
    }

    private static Map<String, Double> currentLogs(double loss, List<Metric> metrics) {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", loss);
        for (Metric metric : metrics) {
            logs.put(metric.name(), metric.result());
        }
        return logs;
    }

    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }

    record StepResult(double loss, INDArray output) {
    }

    /** Forward pass, loss and backward pass: fills the model's flat gradient (unless the loss is not finite). */
    StepResult computeGradients(Object xb, INDArray yb, INDArray wb) {
        List<Layer> layers = model.layers();
        Loss loss = model.loss();
        Layer last = layers.get(layers.size() - 1);
        INDArray h;
        if (xb instanceof SparseRows sparse) {
            h = ((Dense) layers.get(0)).forward(sparse);
        } else {
            h = layers.get(0).forward((INDArray) xb);
        }
        List<INDArray> outputs = new ArrayList<>();
        outputs.add(h);
        for (int i = 1; i < layers.size(); i++) {
            h = layers.get(i).forward(h);
            outputs.add(h);
        }
        long rows = yb.size(0);
        boolean fused = loss.fusesWith(last.activation());
        Loss.LogitsStep step = fused ? loss.stepFromLogits(last.preActivation(), yb) : null;
        INDArray perSample = fused ? step.perSample() : loss.perSample(h, yb);
        INDArray perSampleColumn = perSample.reshape(rows, 1);
        if (wb != null) {
            perSampleColumn.muli(wb);
        }
        double batchLoss = sum(perSampleColumn) / rows;
        if (!Double.isFinite(batchLoss)) {
            return new StepResult(batchLoss, h);
        }
        INDArray grad = fused ? step.gradient() : loss.gradient(h, yb);
        grad.divi(rows);
        if (wb != null) {
            grad.muliColumnVector(wb);
        }
        INDArray upstream = fused ? last.backwardFromPreActivation(grad, layers.size() > 1)
                : last.backward(grad, h, layers.size() > 1);
        for (int i = layers.size() - 2; i >= 0; i--) {
            upstream = layers.get(i).backward(upstream, outputs.get(i), i > 0);
        }
        return new StepResult(batchLoss, h);
    }

    /** Forward, loss, backward and one optimizer step; the step is skipped when the loss is not finite. */
    private StepResult trainStep(Object xb, INDArray yb, INDArray wb) {
        StepResult result = computeGradients(xb, yb, wb);
        if (!Double.isFinite(result.loss())) {
            return result;
        }
        INDArray gradients = model.flatGradients();
        if (NonFinite.any(gradients)) {
            return new StepResult(Double.NaN, result.output());
        }
        model.weightsLock.writeLock().lock();
        try {
            model.optimizer().step(model.flatParameters(), gradients, model.gradientViews());
            model.weightsChanged();
        } finally {
            model.weightsLock.writeLock().unlock();
        }
        return result;
    }

    /** The sum of a batch's values: a Java loop for the few hundred of a batch (an ND4J reduction costs ~30 us). */
    private static double sum(INDArray values) {
        if (values.length() > 65_536) {
            return values.sumNumber().doubleValue();
        }
        double total = 0;
        for (float v : HostFloats.of(values)) {
            total += v;
        }
        return total;
    }

    // ---- evaluate ----------------------------------------------------------------------------------------------

    Map<String, Double> evaluate(Object x, INDArray y) {
        model.requireCompiled("evaluate");
        BatchRows rows = rowsOf(x, "evaluate");
        INDArray labels = checkLabels(y, rows.count(), "evaluate");
        return evaluateRows(rows, labels, null);
    }

    private Map<String, Double> evaluateRows(BatchRows rows, INDArray labels, INDArray weights) {
        Loss loss = model.loss();
        List<Layer> layers = model.layers();
        Layer last = layers.get(layers.size() - 1);
        boolean fused = loss.fusesWith(last.activation());
        List<Metric> metrics = metrics(labels.size(1));
        int n = (int) rows.count();
        int batchSize = options.batchSize();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double lossSum = 0;
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            Object xb = rows.gather(order, from, to);
            INDArray yb = labels.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            Prediction prediction = predictWithLogits(xb, fused);
            INDArray perSample = fused ? loss.perSampleFromLogits(prediction.logits(), yb)
                    : loss.perSample(prediction.output(), yb);
            lossSum += perSample.castTo(DataType.DOUBLE).sumNumber().doubleValue();
            for (Metric metric : metrics) {
                metric.update(prediction.output(), yb);
            }
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("loss", lossSum / n);
        for (Metric metric : metrics) {
            scores.put(metric.name(), metric.result());
        }
        return scores;
    }

    private record Prediction(INDArray output, INDArray logits) {
    }

    private Prediction predictWithLogits(Object xb, boolean withLogits) {
        if (!withLogits) {
            return new Prediction(model.forwardInference(xb), null);
        }
        model.weightsLock.readLock().lock();
        try {
            List<Layer> layers = model.layers();
            INDArray h;
            int first = 0;
            if (xb instanceof SparseRows sparse) {
                Dense dense = (Dense) layers.get(0);
                h = layers.size() == 1 ? dense.callPreActivation(sparse) : dense.call(sparse);
                first = 1;
            } else {
                h = (INDArray) xb;
            }
            for (int i = first; i < layers.size() - 1; i++) {
                h = layers.get(i).call(h);
            }
            INDArray logits = first == 1 && layers.size() == 1 ? h : layers.get(layers.size() - 1).callPreActivation(h);
            INDArray output = layers.get(layers.size() - 1).activation().apply(logits);
            return new Prediction(output, logits);
        } finally {
            model.weightsLock.readLock().unlock();
        }
    }
}
