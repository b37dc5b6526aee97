package dev.lamina.layers;

/**
 * Thrown by {@link Model#fit} when the loss becomes NaN or infinite. The step that produced it is not applied,
 * so the model keeps the weights from before it.
 *
 * <pre>{@code
 * try { model.fit(x, y, options); } catch (NonFiniteLossException e) { System.err.println(e.getMessage()); }
 * }</pre>
 */
public class NonFiniteLossException extends IllegalStateException {

    private static final long serialVersionUID = 1L;
    private final int epoch;
    private final int batch;

    public NonFiniteLossException(int epoch, int batch, double loss) {
        super("The loss became " + loss + " at epoch " + (epoch + 1) + ", batch " + (batch + 1) + "; training stopped "
                + "and the weights from before that batch are kept. Try a lower learning rate, gradient clipping "
                + "(optimizer.clipnorm(1.0)), or check the data for extreme values.");
        this.epoch = epoch;
        this.batch = batch;
    }

    /** The epoch (from 0) where the loss stopped being finite. */
    public int epoch() {
        return epoch;
    }

    /** The batch (from 0) within that epoch. */
    public int batch() {
        return batch;
    }
}
