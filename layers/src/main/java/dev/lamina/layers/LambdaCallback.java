package dev.lamina.layers;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Keras's {@code LambdaCallback}: a callback made of functions, each optional. Immutable: each method returns a
 * changed copy.
 *
 * <pre>{@code
 * Callback printLoss = LambdaCallback.create()
 *         .onEpochEnd((epoch, logs) -> System.out.println(epoch + ": " + logs.get("loss")));
 * }</pre>
 */
public final class LambdaCallback implements Callback {

    private final Consumer<Model> trainBegin;
    private final BiConsumer<Model, History> trainEnd;
    private final IntConsumer epochBegin;
    private final BiConsumer<Integer, Map<String, Double>> epochEnd;
    private final IntConsumer batchBegin;
    private final BiConsumer<Integer, Map<String, Double>> batchEnd;

    private LambdaCallback(Consumer<Model> trainBegin, BiConsumer<Model, History> trainEnd, IntConsumer epochBegin,
                           BiConsumer<Integer, Map<String, Double>> epochEnd, IntConsumer batchBegin,
                           BiConsumer<Integer, Map<String, Double>> batchEnd) {
        this.trainBegin = trainBegin;
        this.trainEnd = trainEnd;
        this.epochBegin = epochBegin;
        this.epochEnd = epochEnd;
        this.batchBegin = batchBegin;
        this.batchEnd = batchEnd;
    }

    /** A callback that does nothing yet. */
    public static LambdaCallback create() {
        return new LambdaCallback(m -> { }, (m, h) -> { }, e -> { }, (e, l) -> { }, b -> { }, (b, l) -> { });
    }

    public LambdaCallback onTrainBegin(Consumer<Model> action) {
        return new LambdaCallback(action, trainEnd, epochBegin, epochEnd, batchBegin, batchEnd);
    }

    public LambdaCallback onTrainEnd(BiConsumer<Model, History> action) {
        return new LambdaCallback(trainBegin, action, epochBegin, epochEnd, batchBegin, batchEnd);
    }

    public LambdaCallback onEpochBegin(IntConsumer action) {
        return new LambdaCallback(trainBegin, trainEnd, action, epochEnd, batchBegin, batchEnd);
    }

    public LambdaCallback onEpochEnd(BiConsumer<Integer, Map<String, Double>> action) {
        return new LambdaCallback(trainBegin, trainEnd, epochBegin, action, batchBegin, batchEnd);
    }

    public LambdaCallback onBatchBegin(IntConsumer action) {
        return new LambdaCallback(trainBegin, trainEnd, epochBegin, epochEnd, action, batchEnd);
    }

    public LambdaCallback onBatchEnd(BiConsumer<Integer, Map<String, Double>> action) {
        return new LambdaCallback(trainBegin, trainEnd, epochBegin, epochEnd, batchBegin, action);
    }

    @Override
    public void onTrainBegin(Model model) {
        trainBegin.accept(model);
    }

    @Override
    public void onTrainEnd(Model model, History history) {
        trainEnd.accept(model, history);
    }

    @Override
    public void onEpochBegin(int epoch) {
        epochBegin.accept(epoch);
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        epochEnd.accept(epoch, logs);
    }

    @Override
    public void onBatchBegin(int batch) {
        batchBegin.accept(batch);
    }

    @Override
    public void onBatchEnd(int batch, Map<String, Double> logs) {
        batchEnd.accept(batch, logs);
    }
}
