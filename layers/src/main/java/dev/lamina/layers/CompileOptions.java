package dev.lamina.layers;

/**
 * Options for {@link Model#compile(dev.lamina.core.optimizer.Optimizer, dev.lamina.core.loss.Loss,
 * CompileOptions, String...)}.
 *
 * <pre>{@code
 * model.compile(new RMSprop(), new BinaryCrossentropy(), CompileOptions.strict(), "accuracy");
 * }</pre>
 *
 * @param strictMode turn the guard rails' warnings (a wrong output activation for the loss, and so on) into
 *               {@link IllegalArgumentException}s
 */
public record CompileOptions(boolean strictMode) {

    /** Warnings are logged, once per model. */
    public static final CompileOptions DEFAULT = new CompileOptions(false);

    /** Warnings become errors. */
    public static CompileOptions strict() {
        return new CompileOptions(true);
    }
}
