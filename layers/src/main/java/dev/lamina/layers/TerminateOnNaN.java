package dev.lamina.layers;

import java.io.PrintStream;
import java.util.Map;

/**
 * Keras's {@code TerminateOnNaN}: when a batch's loss is NaN or infinite, prints
 * {@code Batch 3: Invalid loss NaN, terminating training} and stops training quietly ({@code fit} returns its
 * history) instead of throwing {@link NonFiniteLossException}. Either way the step that produced the bad loss is not
 * applied.
 *
 * <pre>{@code
 * model.fit(x, y, FitOptions.epochs(10).callbacks(new TerminateOnNaN()));
 * }</pre>
 */
public final class TerminateOnNaN implements Callback {

    private final PrintStream out;
    private Model model;

    /** Prints its message to standard output, as Keras does. */
    public TerminateOnNaN() {
        this(System.out);
    }

    /** Prints its message to {@code out}. */
    public TerminateOnNaN(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onTrainBegin(Model model) {
        this.model = model;
    }

    @Override
    public void onBatchEnd(int batch, Map<String, Double> logs) {
        Double loss = NonFinite.badLoss(logs);
        if (loss != null) {
            out.println("Batch " + batch + ": Invalid loss " + loss + ", terminating training");
            model.stopTraining();
        }
    }
}
