package dev.lamina.layers;

import dev.lamina.core.metric.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
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

    private static final System.Logger LOG = System.getLogger(Trainer.class.getName());
    private final Model model;
    private final FitOptions options;

    Trainer(Model model, FitOptions options) {
        this.model = model;
        this.options = options;
    }

    /** Trains on arrays: dense or sparse rows with labels, held in memory (they become an {@link ArrayFeed}). */
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
        Feed validation = null;
        int batchSize = options.batchSize();
        if (options.validationX() != null) {
            validation = validationFeed();
        } else if (options.validationSplit() > 0) {
            long splitAt = (long) Math.floor(all.count() * (1.0 - options.validationSplit()));
            if (splitAt <= 0 || splitAt >= all.count()) {
                throw new IllegalArgumentException("validationSplit=" + options.validationSplit() + " leaves no "
                        + "training or no validation rows out of " + all.count() + ".");
            }
            train = all.head(splitAt);
            trainLabels = rowsOf(labels, 0, splitAt);
            trainWeights = weights == null ? null : rowsOf(weights, 0, splitAt);
            // as Keras: the split carries sample weights; class weights weigh the training rows only
            INDArray validationWeights = options.sampleWeights() != null ? rowsOf(weights, splitAt, all.count())
                    : null;
            validation = ArrayFeed.inOrder(all.tail(splitAt), rowsOf(labels, splitAt, all.count()),
                    validationWeights, batchSize);
        }
        BatchRows rows = train;
        INDArray rowLabels = trainLabels;
        INDArray rowWeights = trainWeights;
        LongFunction<Feed> feed = seed -> ArrayFeed.training(rows, rowLabels, rowWeights, batchSize,
                options.shuffle(), seed, options.initialEpoch());
        long steps = (train.count() + batchSize - 1) / batchSize;
        return run(feed, null, validation, steps, batchSize, train instanceof BatchRows.Sparse);
    }

    /**
     * Trains on a {@link BatchSource}: each epoch reads a pass of it (or, with {@code stepsPerEpoch}, that many
     * batches from a pass continued across epochs), through the same loop as arrays.
     */
    History fit(BatchSource source) {
        model.requireCompiled("fit");
        if (source == null) {
            throw new IllegalArgumentException("fit: the batch source is null");
        }
        if (options.validationSplit() > 0) { // as Keras
            throw new IllegalArgumentException("validationSplit is only supported for arrays; a batch source cannot "
                    + "hold rows out. Give the validation data as a source: FitOptions.validationData(source).");
        }
        if (options.sampleWeights() != null) {
            throw new IllegalArgumentException("When training on a batch source, sampleWeights should not be passed "
                    + "to FitOptions. Instead, the source's batches carry them: DataBatch.withSampleWeights(w).");
        }
        if (!source.reiterable() && options.stepsPerEpoch() == null
                && options.epochs() - options.initialEpoch() > 1) {
            throw new IllegalArgumentException("fit: " + source + " can be read only once, but " + (options.epochs()
                    - options.initialEpoch()) + " epochs would read it " + (options.epochs() - options.initialEpoch())
                    + " times. Train for one epoch, give a re-iterable source (BatchSource.of(list), a file source), "
                    + "or set FitOptions.stepsPerEpoch(n) to take n batches per epoch from the one pass.");
        }
        Feed validation = options.validationX() != null ? validationFeed() : null;
        SourceFeed feed = new SourceFeed(model, source, "fit", true, options.classWeight());
        Feed.Steps first = feed.open(options.initialEpoch());
        try {
            if (!first.hasNext()) {
                throw new IllegalArgumentException("fit: " + source + " yielded no batches; a source must yield at "
                        + "least one batch.");
            }
        } catch (RuntimeException e) {
            first.close();
            throw e;
        }
        Feed.Step peeked = first.peek(); // the first batch has built the model
        model.checks().atFirstFit(peeked.y());
        long steps = options.stepsPerEpoch() != null ? options.stepsPerEpoch() : feed.batchesPerPass();
        return run(seed -> feed, first, validation, steps, peeked.rows(), peeked.x() instanceof Batch.Sparse);
    }

    /** The validation data of the options as a feed (arrays in order, or a source read from the start each epoch). */
    private Feed validationFeed() {
        String action = "fit (validation data)";
        if (options.validationX() instanceof BatchSource source) {
            if (!source.reiterable() && options.epochs() - options.initialEpoch() > 1) {
                throw new IllegalArgumentException(action + ": " + source + " can be read only once, but validation "
                        + "reads it after every epoch. Give a re-iterable source (BatchSource.of(list), a file "
                        + "source).");
            }
            return new SourceFeed(model, source, action, true, null);
        }
        BatchRows rows = Inputs.rows(model, options.validationX(), action, true);
        INDArray labels = Inputs.labels(model, options.validationY(), rows.count(), action);
        return ArrayFeed.inOrder(rows, labels, null, options.batchSize());
    }

    /** The multiply-adds of the largest GEMM in a training step of {@code rows} rows (sparse input needs none). */
    private long largestProduct(long rows, boolean sparseInput) {
        long largest = 0;
        for (Layer layer : model.layers().subList(sparseInput ? 1 : 0, model.layers().size())) {
            largest = Math.max(largest, rows * layer.inputSize() * layer.outputSize());
        }
        return largest;
    }

    /**
     * The training loop, for arrays and sources alike.
     *
     * @param feedFor    the training feed for a shuffling seed (known only once a backup may have been restored)
     * @param opened     a pass of the feed already opened for the initial epoch (a source's, to build the model), or
     *                   null
     * @param steps      batches per epoch for the progress bar, or -1 when unknown
     * @param batchRows  rows of a typical batch and whether input is sparse: for the BLAS thread choice
     */
    private History run(LongFunction<Feed> feedFor, Feed.Steps opened, Feed validation, long steps, long batchRows,
                        boolean sparse) {
        int blasThreads = Gemm.useThreadsFor(largestProduct(batchRows, sparse));
        Feed.Steps pass = opened;
        try {
            List<Callback> callbacks = callbacks((int) Math.min(Integer.MAX_VALUE, steps));
            model.shuffleSeed(options.seed() != null ? options.seed()
                    : model.seed() != null ? model.seed() * 31 + 17 : System.nanoTime());
            Backprop backprop = new Backprop(model);
            History history = new History();
            callbacks.forEach(c -> c.onTrainBegin(model));
            TrainingPosition resume = model.takeResumePosition(); // set by BackupAndRestore
            if (resume != null && steps > 0 && resume.batch() >= steps) { // backed up after an epoch's last batch
                resume = new TrainingPosition(resume.epoch() + 1, 0, resume.shuffleSeed());
            }
            int firstEpoch = resume == null ? options.initialEpoch() : resume.epoch();
            if (resume != null) {
                model.shuffleSeed(resume.shuffleSeed());
            }
            Feed feed = feedFor.apply(model.shuffleSeed());
            Integer stepsPerEpoch = options.stepsPerEpoch();
            boolean fresh = pass != null; // opened, nothing read from it yet
            if (pass != null && firstEpoch != options.initialEpoch() && feed.reiterable()) {
                pass.close(); // a resumed fit: the pass of the resumed epoch instead
                pass = null;
            }
            List<Metric> metrics = null;
            boolean ranOut = false;
            for (int epoch = firstEpoch; epoch < options.epochs() && !model.stopRequested() && !ranOut; epoch++) {
                if (pass != null && (stepsPerEpoch == null ? !fresh : !pass.hasNext())) {
                    pass.close(); // an epoch is a pass; with stepsPerEpoch the pass goes on until it ends
                    pass = null;
                }
                if (pass == null) {
                    if (!feed.reiterable()) { // read once already (a one-shot source is opened before the loop)
                        warnRanOut(stepsPerEpoch);
                        break;
                    }
                    pass = feed.open(epoch);
                }
                fresh = false;
                int firstStep = resume != null && epoch == firstEpoch ? pass.skip(resume.batch()) : 0;
                if (firstStep > 0 && stepsPerEpoch == null && !pass.hasNext()) {
                    continue; // backed up after the last batch of a source of unknown length: the next epoch
                }
                for (Callback callback : callbacks) {
                    callback.onEpochBegin(epoch);
                }
                if (metrics != null) {
                    metrics.forEach(Metric::reset);
                }
                double lossSum = 0;
                long seen = 0;
                Map<String, Double> logs = new LinkedHashMap<>();
                for (int step = firstStep; (stepsPerEpoch == null || step < stepsPerEpoch)
                        && !model.stopRequested(); step++) {
                    if (!pass.hasNext()) {
                        if (stepsPerEpoch != null) { // as Keras: the epoch ends here, and the next starts a pass
                            ranOut = !feed.reiterable();
                            warnRanOut(stepsPerEpoch);
                            pass.close();
                            pass = null;
                        }
                        break;
                    }
                    for (Callback callback : callbacks) {
                        callback.onBatchBegin(step);
                    }
                    Feed.Step batch = pass.next();
                    if (metrics == null) {
                        metrics = Evaluator.metrics(model, batch.y().size(1));
                    }
                    Backprop.Result result = trainStep(backprop, batch.x(), batch.y(), batch.w(), epoch, step);
                    Map<String, Double> batchLogs;
                    if (Double.isFinite(result.loss())) {
                        lossSum += result.loss() * batch.rows();
                        seen += batch.rows();
                        for (Metric metric : metrics) {
                            metric.update(result.output(), batch.y(), batch.w()); // weighted as the loss, as Keras
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
                    for (Map.Entry<String, Double> score : Evaluator.evaluate(model, validation).entrySet()) {
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
        } finally {
            if (pass != null) {
                pass.close();
            }
            Gemm.restoreThreads(blasThreads);
        }
    }

    /** Keras's warning when the data ends before {@code stepsPerEpoch * epochs} batches. */
    private static void warnRanOut(Integer stepsPerEpoch) {
        LOG.log(System.Logger.Level.WARNING, "Your input ran out of data; interrupting training. Make sure that "
                + "your batch source can generate at least stepsPerEpoch * epochs batches (stepsPerEpoch = "
                + stepsPerEpoch + "), or give a re-iterable source.");
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
}
