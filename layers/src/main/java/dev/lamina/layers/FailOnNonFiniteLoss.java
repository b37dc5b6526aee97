package dev.lamina.layers;

import java.util.Map;

/**
 * Lamina's default for a NaN or infinite loss, added to every {@code fit} without a {@link TerminateOnNaN}: throws
 * {@link NonFiniteLossException} naming the epoch and batch (the step was not applied, so the weights are those from
 * before it).
 *
 * <pre>{@code
 * callbacks.add(0, new FailOnNonFiniteLoss());
 * }</pre>
 */
final class FailOnNonFiniteLoss implements Callback {

    private int epoch;

    @Override
    public void onEpochBegin(int epoch) {
        this.epoch = epoch;
    }

    @Override
    public void onBatchEnd(int batch, Map<String, Double> logs) {
        Double loss = NonFinite.badLoss(logs);
        if (loss != null) {
            throw new NonFiniteLossException(epoch, batch, loss);
        }
    }
}
