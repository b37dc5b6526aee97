package dev.lamina.core.activation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's activations by name, as objects and as plain tensor functions, plus the registry of custom activations.
 *
 * <p>Plain functions return a new array and never modify their input, like {@code tf.keras.activations.*}:
 *
 * <pre>{@code
 * INDArray p = Activations.sigmoid(x);
 * INDArray r = Activations.relu(x, 0.1, 6.0, 0.0);
 * ActivationFunction f = Activations.get("gelu");
 * Activations.register("maFonction", x -> x.mul(Transforms.sigmoid(x.mul(1.5))));
 * }</pre>
 *
 * <p>Built-in names: {@code relu, sigmoid, softmax, softplus, softsign, tanh, elu, selu, linear, gelu, silu (swish),
 * leaky_relu, relu6, hard_sigmoid, exponential, log_softmax, mish}. The registry is global to the JVM, like Keras's
 * custom objects, and safe for concurrent use.
 */
public final class Activations {

    private static final Map<String, Function<Map<String, Double>, ActivationFunction>> BUILT_INS = builtIns();
    private static final Map<String, String> ALIASES = Map.of("swish", "silu");
    private static final Map<String, Function<Map<String, Double>, ActivationFunction>> REGISTERED =
            new ConcurrentHashMap<>();

    private Activations() {
    }

    private static Map<String, Function<Map<String, Double>, ActivationFunction>> builtIns() {
        Map<String, Function<Map<String, Double>, ActivationFunction>> table = new HashMap<>();
        table.put("relu", c -> new Relu(param(c, "alpha", 0.0), param(c, "max_value", Double.POSITIVE_INFINITY),
                param(c, "threshold", 0.0)));
        table.put("sigmoid", c -> new Sigmoid());
        table.put("softmax", c -> new Softmax((int) param(c, "axis", -1.0)));
        table.put("log_softmax", c -> new LogSoftmax((int) param(c, "axis", -1.0)));
        table.put("softplus", c -> new Softplus());
        table.put("softsign", c -> new Softsign());
        table.put("tanh", c -> new Tanh());
        table.put("elu", c -> new Elu(param(c, "alpha", 1.0)));
        table.put("selu", c -> new Selu());
        table.put("linear", c -> new Linear());
        table.put("gelu", c -> new Gelu(param(c, "approximate", 0.0) != 0.0));
        table.put("silu", c -> new Silu());
        table.put("leaky_relu", c -> new LeakyRelu(param(c, "negative_slope", 0.2)));
        table.put("relu6", c -> new Relu6());
        table.put("hard_sigmoid", c -> new HardSigmoid());
        table.put("exponential", c -> new Exponential());
        table.put("mish", c -> new Mish());
        return Map.copyOf(table);
    }

    private static double param(Map<String, Double> config, String key, double defaultValue) {
        Double value = config.get(key);
        return value == null ? defaultValue : value;
    }

    // ---- lookup ----------------------------------------------------------------------------------------------

    /** The activation called {@code name} with its default parameters: a built-in, an alias, or a registered one. */
    public static ActivationFunction get(String name) {
        return get(name, Map.of());
    }

    /**
     * The activation called {@code name}, built with {@code config} (as {@link ActivationFunction#config()} gives it).
     *
     * @throws UnknownActivationException if the name is neither built in nor registered
     */
    public static ActivationFunction get(String name, Map<String, Double> config) {
        if (name == null) {
            throw new IllegalArgumentException("Activation name is null. Pass a name such as \"relu\", an "
                    + "ActivationFunction, or use the constructor without an activation for a linear layer.");
        }
        String key = ALIASES.getOrDefault(name, name);
        Function<Map<String, Double>, ActivationFunction> factory = BUILT_INS.get(key);
        if (factory == null) {
            factory = REGISTERED.get(name);
        }
        if (factory == null) {
            throw unknown(name);
        }
        return factory.apply(config == null ? Map.of() : config);
    }

    /** Whether {@code name} is a built-in activation or alias. */
    public static boolean isBuiltIn(String name) {
        return BUILT_INS.containsKey(name) || ALIASES.containsKey(name);
    }

    /** Whether {@code name} is currently registered as a custom activation. */
    public static boolean isRegistered(String name) {
        return REGISTERED.containsKey(name);
    }

    /** Every name {@link #get(String)} accepts now, sorted. */
    public static Set<String> names() {
        Set<String> names = new TreeSet<>(BUILT_INS.keySet());
        names.addAll(ALIASES.keySet());
        names.addAll(REGISTERED.keySet());
        return names;
    }

    private static UnknownActivationException unknown(String name) {
        List<String> close = closestNames(name, 3);
        return new UnknownActivationException(name, "Unknown activation '" + name + "'."
                + (close.isEmpty() ? "" : " Did you mean " + String.join(", ", close) + "?")
                + " Known: " + String.join(", ", names()) + ". A custom activation must be registered first: "
                + "Activations.register(\"" + name + "\", fn).");
    }

    static List<String> closestNames(String name, int limit) {
        List<String> candidates = new ArrayList<>(names());
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        candidates.sort(Comparator.comparingInt((String c) -> editDistance(lower, c)).thenComparing(c -> c));
        List<String> close = new ArrayList<>();
        for (String c : candidates) {
            if (close.size() < limit && editDistance(lower, c) <= Math.max(2, c.length() / 2)) {
                close.add(c);
            }
        }
        return close;
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    // ---- registry --------------------------------------------------------------------------------------------

    /**
     * Registers a custom element-wise activation under {@code name}, so that models using it can be built by name and
     * loaded. Registering the same function object again is a no-op; a different function under a taken name is an
     * error (use {@link #replace(String, UnaryOperator)}).
     *
     * @return the registered activation
     */
    public static ActivationFunction register(String name, UnaryOperator<INDArray> function) {
        ActivationFunction activation = ActivationFunction.named(name, function);
        registerFactory(name, new SameFunction(activation, function), false);
        return activation;
    }

    /** Registers an activation object under its own {@link ActivationFunction#name()}. */
    public static ActivationFunction register(ActivationFunction activation) {
        Objects.requireNonNull(activation, "activation");
        registerFactory(activation.name(), new SameFunction(activation, activation), false);
        return activation;
    }

    /**
     * Registers a parameterised custom activation: {@code factory} receives the parameters stored with the model
     * (e.g. {@code {"beta": 1.5}}) and returns the function.
     *
     * <pre>{@code
     * Activations.registerFactory("maFonction", c -> ActivationFunction.named("maFonction", c,
     *         x -> x.mul(Transforms.sigmoid(x.mul(c.getOrDefault("beta", 1.0))))));
     * }</pre>
     */
    public static void registerFactory(String name, Function<Map<String, Double>, ActivationFunction> factory) {
        registerFactory(name, factory, false);
    }

    /** Registers {@code function} under {@code name}, replacing whatever was registered there. */
    public static ActivationFunction replace(String name, UnaryOperator<INDArray> function) {
        ActivationFunction activation = ActivationFunction.named(name, function);
        registerFactory(name, new SameFunction(activation, function), true);
        return activation;
    }

    /** Removes a registration; returns whether there was one. */
    public static boolean unregister(String name) {
        return REGISTERED.remove(name) != null;
    }

    private static void registerFactory(String name, Function<Map<String, Double>, ActivationFunction> factory,
                                        boolean replace) {
        checkName(name);
        Objects.requireNonNull(factory, () -> "activation '" + name + "': function is null");
        if (isBuiltIn(name)) {
            throw new IllegalArgumentException("Cannot register '" + name + "': it is a built-in activation. "
                    + "Choose another name.");
        }
        if (replace) {
            REGISTERED.put(name, factory);
            return;
        }
        Function<Map<String, Double>, ActivationFunction> previous = REGISTERED.putIfAbsent(name, factory);
        if (previous != null && !previous.equals(factory)) {
            throw new IllegalArgumentException("Activation '" + name + "' is already registered with a different "
                    + "function. Use Activations.replace(\"" + name + "\", fn) to replace it on purpose.");
        }
    }

    static void checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("An activation name must be a non-blank string. Received: "
                    + (name == null ? "null" : "'" + name + "'"));
        }
    }

    /** A factory that always returns one activation; equal when it wraps the same user object. */
    private record SameFunction(ActivationFunction activation, Object identity)
            implements Function<Map<String, Double>, ActivationFunction> {
        @Override
        public ActivationFunction apply(Map<String, Double> config) {
            return activation;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SameFunction s && s.identity == identity;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(identity);
        }
    }

    // ---- plain tensor functions (never modify x) ----------------------------------------------------------------

    /** {@code max(x, 0)}. */
    public static INDArray relu(INDArray x) {
        return new Relu().apply(x);
    }

    /** Keras's {@code relu(x, alpha, max_value, threshold)}; pass {@code Double.POSITIVE_INFINITY} for no maximum. */
    public static INDArray relu(INDArray x, double alpha, double maxValue, double threshold) {
        return new Relu(alpha, maxValue, threshold).apply(x);
    }

    /** A relu object with the given parameters, for use in a layer. */
    public static ActivationFunction relu(double alpha, double maxValue, double threshold) {
        return new Relu(alpha, maxValue, threshold);
    }

    /** {@code 1 / (1 + exp(-x))}. */
    public static INDArray sigmoid(INDArray x) {
        return new Sigmoid().apply(x);
    }

    /** Softmax over the last axis. */
    public static INDArray softmax(INDArray x) {
        return new Softmax().apply(x);
    }

    /** Softmax over {@code axis}. */
    public static INDArray softmax(INDArray x, int axis) {
        return new Softmax(axis).apply(x);
    }

    /** Log-softmax over the last axis. */
    public static INDArray logSoftmax(INDArray x) {
        return new LogSoftmax().apply(x);
    }

    /** {@code log(1 + exp(x))}, stable. */
    public static INDArray softplus(INDArray x) {
        return new Softplus().apply(x);
    }

    /** {@code x / (|x| + 1)}. */
    public static INDArray softsign(INDArray x) {
        return new Softsign().apply(x);
    }

    /** Hyperbolic tangent. */
    public static INDArray tanh(INDArray x) {
        return new Tanh().apply(x);
    }

    /** ELU with alpha 1. */
    public static INDArray elu(INDArray x) {
        return new Elu().apply(x);
    }

    /** ELU with the given alpha. */
    public static INDArray elu(INDArray x, double alpha) {
        return new Elu(alpha).apply(x);
    }

    /** SELU with Keras's constants. */
    public static INDArray selu(INDArray x) {
        return new Selu().apply(x);
    }

    /** The identity (a copy). */
    public static INDArray linear(INDArray x) {
        return new Linear().apply(x);
    }

    /** Exact GELU. */
    public static INDArray gelu(INDArray x) {
        return new Gelu().apply(x);
    }

    /** GELU, exact or tanh-approximate. */
    public static INDArray gelu(INDArray x, boolean approximate) {
        return new Gelu(approximate).apply(x);
    }

    /** {@code x * sigmoid(x)}. */
    public static INDArray silu(INDArray x) {
        return new Silu().apply(x);
    }

    /** Alias of {@link #silu(INDArray)}. */
    public static INDArray swish(INDArray x) {
        return new Silu().apply(x);
    }

    /** Leaky ReLU with slope 0.2. */
    public static INDArray leakyRelu(INDArray x) {
        return new LeakyRelu().apply(x);
    }

    /** Leaky ReLU with the given negative slope. */
    public static INDArray leakyRelu(INDArray x, double negativeSlope) {
        return new LeakyRelu(negativeSlope).apply(x);
    }

    /** {@code min(max(x, 0), 6)}. */
    public static INDArray relu6(INDArray x) {
        return new Relu6().apply(x);
    }

    /** Keras 3's hard sigmoid {@code relu6(x + 3) / 6}. */
    public static INDArray hardSigmoid(INDArray x) {
        return new HardSigmoid().apply(x);
    }

    /** {@code exp(x)}. */
    public static INDArray exponential(INDArray x) {
        return new Exponential().apply(x);
    }

    /** {@code x * tanh(softplus(x))}. */
    public static INDArray mish(INDArray x) {
        return new Mish().apply(x);
    }
}
