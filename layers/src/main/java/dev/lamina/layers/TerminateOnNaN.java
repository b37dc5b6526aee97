package dev.lamina.layers;

/**
 * Keras's {@code TerminateOnNaN}: when the loss becomes NaN or infinite, training stops quietly (a message is
 * printed and {@code fit} returns its history) instead of throwing {@link NonFiniteLossException}. Either way the
 * step that produced the bad loss is not applied.
 *
 * <pre>{@code
 * model.fit(x, y, FitOptions.epochs(10).callbacks(new TerminateOnNaN()));
 * }</pre>
 */
public final class TerminateOnNaN implements Callback {
}
