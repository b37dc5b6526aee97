package dev.lamina.core.optimizer;

import dev.lamina.core.FastPaths;
import dev.lamina.core.HostFloats;
import dev.lamina.core.schedule.LearningRateSchedule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Updates weights from their gradients, with Keras's update rules and defaults.
 *
 * <p>An optimizer works on one flat parameter vector and its flat gradient (the model keeps every weight as a view
 * of these), so each step is a handful of large in-place ND4J ops. Gradient clipping follows Keras: {@code clipnorm}
 * rescales each weight tensor's gradient to at most that L2 norm, {@code globalClipnorm} the whole gradient,
 * {@code clipvalue} clips element-wise. {@code weightDecay} is Keras 3's decoupled {@code weight_decay}, which every
 * optimizer accepts: before each update, {@code w -= w * weight_decay * lr} (AdamW sets it by default).
 *
 * <p>Keras 3's other base options: {@code useEma} keeps an exponential moving average of the weights
 * ({@code ema_momentum}, {@code ema_overwrite_frequency}; see {@link #useEma(boolean)}), and
 * {@code gradientAccumulationSteps} applies one update every n steps with the mean of their gradients (see
 * {@link #gradientAccumulationSteps(int)}). Their slots ({@code average}, {@code gradient_accumulator}) are part of
 * {@link #state()}.
 *
 * <pre>{@code
 * Optimizer adam = new Adam(1e-3).clipnorm(1.0);
 * Optimizer sgd = new SGD(0.01, 0.9, false).weightDecay(1e-4);
 * model.compile(adam, "mse");
 * }</pre>
 */
public abstract class Optimizer {

    private double learningRate;
    private double clipnorm = Double.NaN;
    private double globalClipnorm = Double.NaN;
    private double clipvalue = Double.NaN;
    private double weightDecay;
    private LearningRateSchedule schedule;
    private boolean useEma;
    private double emaMomentum = 0.99;
    private int emaOverwriteFrequency;
    private int gradientAccumulationSteps;
    /** Keras's {@code average} slot: the moving average of the weights (with {@code use_ema}). */
    private INDArray average;
    /** Keras's {@code gradient_accumulator} slot: the sum of the gradients since the last update. */
    private INDArray accumulator;
    /** Steps taken, as Keras's {@code _iterations}: every call of {@link #step}, update or not. */
    private long iterations;
    /** True while {@link #step} runs: its update takes the rate for the steps made before it. */
    private boolean stepping;
    /** Scratch space of the parameter vector's shape, reused by every step. */
    protected INDArray scratch;

    protected Optimizer(double learningRate) {
        setLearningRate(learningRate);
    }

    /** Keras's snake_case name ({@code rmsprop}, {@code adam}, ...). */
    public abstract String name();

    /**
     * Applies one update to {@code params} from {@code grads} (clipped already) as ND4J ops: the plain formula, used
     * for float64 and whenever the fast path does not apply; {@code step} counts from 1.
     */
    protected abstract void update(INDArray params, INDArray grads, long step);

    /**
     * The same update as one element-wise rule over float32 chunks (the fast path), with the slot arrays it reads
     * and writes in the order the rule expects; null when this configuration has no fast path.
     */
    FusedStep fusedStep(INDArray params, long step) {
        return null;
    }

    /**
     * A fast-path step: the slot arrays, the per-element rule, and how often the slots are flushed of values that
     * would decay into the subnormal range ({@link FusedUpdate#flushInterval}).
     */
    record FusedStep(List<INDArray> slots, ElementRule rule, int flushEvery) {
    }

    /** The optimizer's own hyper-parameters, besides learning rate and clipping. */
    protected abstract Map<String, Double> hyperParameters();

    /** The optimizer's own slot arrays (moments, accumulators) by name; empty before the first update. */
    protected abstract Map<String, INDArray> slots();

    /** Restores the optimizer's own slot arrays saved by {@link #slots()}, and the step count. */
    protected abstract void restoreSlots(Map<String, INDArray> state, long iterations);

    /**
     * Every slot array by name: the optimizer's own ({@link #slots()}), then Keras's base-optimizer slots
     * {@code average} (with {@code use_ema}) and {@code gradient_accumulator} (with gradient accumulation) once they
     * exist; empty before the first step.
     */
    public final Map<String, INDArray> state() {
        Map<String, INDArray> state = new LinkedHashMap<>(slots());
        if (average != null) {
            state.put("average", average);
        }
        if (accumulator != null) {
            state.put("gradient_accumulator", accumulator);
        }
        return state;
    }

    /** Restores slot arrays saved by {@link #state()}; names and lengths must match the parameters. */
    public final void restoreState(Map<String, INDArray> state, long iterations) {
        Map<String, INDArray> own = new LinkedHashMap<>(state);
        INDArray savedAverage = own.remove("average");
        INDArray savedAccumulator = own.remove("gradient_accumulator");
        if (savedAverage != null && !useEma) {
            throw new IllegalArgumentException(name() + ": the saved state has the moving average of the weights "
                    + "('average'), but use_ema is off. Turn it on (useEma(true), \"use_ema\": 1) or drop the slot.");
        }
        if (savedAccumulator != null && gradientAccumulationSteps == 0) {
            throw new IllegalArgumentException(name() + ": the saved state has a 'gradient_accumulator', but "
                    + "gradient_accumulation_steps is not set. Set it as when the state was saved.");
        }
        restoreSlots(own, iterations);
        average = savedAverage == null ? null : savedAverage.dup();
        accumulator = savedAccumulator == null ? null : savedAccumulator.dup();
    }

    /**
     * One training step: clips {@code grads} (in place) and updates {@code params} in place.
     *
     * <p>As Keras 3's {@code BaseOptimizer._backend_apply_gradients} (keras/src/optimizers/base_optimizer.py): with
     * gradient accumulation, a step that is not the n-th only adds {@code grads} to the accumulator; the n-th
     * replaces {@code grads} by {@code (grads + accumulator) / n}, then clips, decays and updates as without it.
     * With {@code use_ema}, every step then updates the moving average (and may overwrite the weights with it).
     *
     * @param params          the flat parameter vector
     * @param grads           the flat gradient, same length
     * @param gradientTensors views of {@code grads}, one per weight tensor (for per-tensor {@code clipnorm})
     */
    public final void step(INDArray params, INDArray grads, List<INDArray> gradientTensors) {
        step(params, grads, gradientTensors, null);
    }

    /**
     * As {@link #step(INDArray, INDArray, List)}, also keeping {@code hostCopy}, a Java copy of {@code params}, equal
     * to them (the fast path writes it as it goes; otherwise it is copied after the update).
     */
    public final void step(INDArray params, INDArray grads, List<INDArray> gradientTensors, float[] hostCopy) {
        if (scratch == null || scratch.length() != params.length()) {
            scratch = params.ulike();
        }
        long before = iterations; // Keras's _iterations while it applies the gradients
        boolean update = true;
        if (gradientAccumulationSteps > 0) {
            accumulator = slot(accumulator, params);
            update = (before + 1) % gradientAccumulationSteps == 0; // Keras: is_update_step
            if (update) { // Keras: grads = (g + acc_g) / steps, then the accumulators are reset
                GradientAccumulation.mean(grads, accumulator, gradientAccumulationSteps);
            } else {
                GradientAccumulation.add(accumulator, grads);
            }
        }
        iterations++;
        if (update) {
            clip(grads, gradientTensors);
            stepping = true;
            try {
                applyStep(params, grads, hostCopy, updates());
            } finally {
                stepping = false;
            }
        }
        if (useEma) {
            updateMovingAverage(params, before, hostCopy);
        }
    }

    /**
     * Updates applied so far, counting the one being applied: the {@code step} of {@link #update} (Keras's
     * {@code iterations + 1} in {@code update_step}, where {@code iterations} is {@code _iterations // n} with
     * gradient accumulation).
     */
    private long updates() {
        return gradientAccumulationSteps > 0 ? iterations / gradientAccumulationSteps : iterations;
    }

    private void clip(INDArray grads, List<INDArray> gradientTensors) {
        if (!Double.isNaN(clipvalue)) {
            Transforms.min(Transforms.max(grads, -clipvalue, false), clipvalue, false);
        }
        if (!Double.isNaN(clipnorm)) {
            for (INDArray g : gradientTensors) {
                clipToNorm(g, clipnorm);
            }
        }
        if (!Double.isNaN(globalClipnorm)) {
            clipToNorm(grads, globalClipnorm);
        }
    }

    private void applyStep(INDArray params, INDArray grads, float[] hostCopy, long step) {
        double decay = learningRate() * weightDecay; // Keras 3: variable -= variable * wd * lr, before the update
        FusedStep fused = FastPaths.enabled() && FusedUpdate.applies(params, grads) ? fusedStep(params, step) : null;
        if (fused != null) {
            boolean flush = step % fused.flushEvery() == 0;
            FusedUpdate.run(params, grads, fused.slots(), fused.rule(), (float) decay, flush, hostCopy);
            return;
        }
        if (decay != 0) {
            params.subi(scratch.assign(params).muli(decay));
        }
        update(params, grads, step);
        if (hostCopy != null) {
            HostFloats.buffer(params).get(0, hostCopy, 0, hostCopy.length);
        }
    }

    /**
     * Keras's {@code _update_model_variables_moving_average}: {@code average = m * average + (1 - m) * w}, where
     * {@code m} is {@code ema_momentum}, except 0 while Keras's {@code iterations} ({@code before}, or
     * {@code before // n} with gradient accumulation) is 0 ({@code not_first_step}); then, when
     * {@code (iterations + 1) % ema_overwrite_frequency == 0}, the weights become the average.
     */
    private void updateMovingAverage(INDArray params, long before, float[] hostCopy) {
        long emaIterations = gradientAccumulationSteps > 0 ? before / gradientAccumulationSteps : before;
        if (average == null || average.length() != params.length()) {
            // Keras creates it as zeros at the first step, where the momentum is 0: it starts as the weights. Started
            // later (use_ema turned on mid-training), it starts from the weights too rather than from zeros.
            average = params.dup();
        }
        double momentum = emaIterations != 0 ? emaMomentum : 0.0;
        boolean overwrite = emaOverwriteFrequency > 0 && (emaIterations + 1) % emaOverwriteFrequency == 0;
        MovingAverage.update(params, average, momentum, overwrite, scratch, hostCopy);
    }

    /**
     * Keras's {@code finalize_variable_values}, which {@code fit} calls after its last epoch: with {@code use_ema},
     * the weights {@code params} become their moving average. Returns whether it changed them.
     */
    public boolean finalizeVariableValues(INDArray params) {
        if (!useEma || average == null || average.length() != params.length()) {
            return false;
        }
        params.assign(average);
        return true;
    }

    private static void clipToNorm(INDArray g, double maxNorm) {
        double norm = g.norm2Number().doubleValue();
        if (norm > maxNorm) {
            g.muli(maxNorm / norm);
        }
    }

    /** {@code y += alpha * x} in one BLAS call. */
    protected static void axpy(double alpha, INDArray x, INDArray y) {
        Nd4j.getBlasWrapper().level1().axpy(x.length(), alpha, x, y);
    }

    /** A zeroed slot array like {@code params}, or the existing one. */
    protected static INDArray slot(INDArray existing, INDArray params) {
        return existing != null && existing.length() == params.length() ? existing : params.ulike().assign(0.0);
    }

    /**
     * Steps taken so far (Keras's {@code iterations}; with gradient accumulation, Keras's {@code _iterations}, which
     * counts every step, not only the updates).
     */
    public long iterations() {
        return iterations;
    }

    protected void setIterations(long iterations) {
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be >= 0. Received: " + iterations);
        }
        this.iterations = iterations;
    }

    /**
     * The learning rate of the next update; with a schedule, Keras's {@code schedule(iterations)} (during a step, of
     * the updates made before it).
     */
    public double learningRate() {
        if (schedule == null) {
            return learningRate;
        }
        return schedule.at(stepping ? iterations - 1 : iterations);
    }

    /**
     * Takes the learning rate from {@code schedule} from now on, as Keras's {@code learning_rate=schedule}; null goes
     * back to a constant rate (the schedule's current one).
     */
    public Optimizer learningRateSchedule(LearningRateSchedule schedule) {
        if (schedule == null && this.schedule != null) {
            this.learningRate = learningRate();
        }
        this.schedule = schedule;
        return this;
    }

    /** The schedule, or null for a constant learning rate. */
    public LearningRateSchedule learningRateSchedule() {
        return schedule;
    }

    /** Sets a constant learning rate (used by {@code ReduceLROnPlateau}); not while a schedule sets it. */
    public void setLearningRate(double learningRate) {
        if (schedule != null) {
            throw new IllegalStateException(name() + " takes its learning rate from a " + schedule.className()
                    + " schedule, so its learning rate is not settable (as in Keras). Remove the schedule first: "
                    + "learningRateSchedule(null).");
        }
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException(name() + ": learning_rate must be a finite number >= 0. Received: "
                    + learningRate);
        }
        this.learningRate = learningRate;
    }

    /** Clips each weight tensor's gradient to this L2 norm. */
    public Optimizer clipnorm(double value) {
        this.clipnorm = positive("clipnorm", value);
        return this;
    }

    /** Clips the whole gradient to this L2 norm. */
    public Optimizer globalClipnorm(double value) {
        this.globalClipnorm = positive("global_clipnorm", value);
        return this;
    }

    /** Clips every gradient element to [-value, value]. */
    public Optimizer clipvalue(double value) {
        this.clipvalue = positive("clipvalue", value);
        return this;
    }

    /**
     * Keras 3's decoupled {@code weight_decay}: before each update {@code w -= w * value * lr}, on every weight; 0
     * (Keras's {@code None}) turns it off.
     */
    public Optimizer weightDecay(double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name() + ": weight_decay must be a finite number >= 0. Received: "
                    + value);
        }
        this.weightDecay = value;
        return this;
    }

    /** The decoupled weight decay ({@link #weightDecay(double)}); 0 when off. */
    public double weightDecay() {
        return weightDecay;
    }

    /**
     * Keras's {@code use_ema}: after every step, {@code average = ema_momentum * average + (1 - ema_momentum) * w}
     * (the average starts as the weights), and {@code fit} ends by setting the weights to it
     * ({@link #finalizeVariableValues}). Off by default.
     *
     * <pre>{@code
     * new Adam(1e-3).useEma(true).emaMomentum(0.999).emaOverwriteFrequency(100);
     * }</pre>
     */
    public Optimizer useEma(boolean value) {
        this.useEma = value;
        if (!value) {
            average = null; // turned off: the average is dropped, not saved
        }
        return this;
    }

    /** Whether the moving average of the weights is kept ({@link #useEma(boolean)}). */
    public boolean useEma() {
        return useEma;
    }

    /** Keras's {@code ema_momentum}, in [0, 1]; default 0.99. */
    public Optimizer emaMomentum(double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name() + ": ema_momentum must be in the range [0, 1]. Received: "
                    + "ema_momentum=" + value);
        }
        this.emaMomentum = value;
        return this;
    }

    /** The EMA's momentum ({@link #emaMomentum(double)}). */
    public double emaMomentum() {
        return emaMomentum;
    }

    /**
     * Keras's {@code ema_overwrite_frequency}: with {@code use_ema}, every this many steps the weights are overwritten
     * by their moving average; 0 (Keras's {@code None}, the default) only at the end of {@code fit}.
     */
    public Optimizer emaOverwriteFrequency(int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name() + ": ema_overwrite_frequency must be an integer >= 1, or 0 for "
                    + "none. Received: ema_overwrite_frequency=" + value);
        }
        this.emaOverwriteFrequency = value;
        return this;
    }

    /** Steps between two overwrites of the weights by their average; 0 for none. */
    public int emaOverwriteFrequency() {
        return emaOverwriteFrequency;
    }

    /**
     * Keras's {@code gradient_accumulation_steps}: the weights are updated every {@code value} steps, with the mean of
     * the gradients of those steps (clipping and weight decay apply to the mean, at the update). The step count
     * {@link #iterations()} still counts every step (the learning-rate schedule reads it, as in Keras); the update
     * rules (bias corrections) and the EMA count updates. At least 2, or 0 (Keras's {@code None}, the default) for
     * off.
     */
    public Optimizer gradientAccumulationSteps(int value) {
        if (value != 0 && value < 2) {
            throw new IllegalArgumentException(name() + ": gradient_accumulation_steps must be an integer >= 2, or 0 "
                    + "for none. Received: gradient_accumulation_steps=" + value);
        }
        this.gradientAccumulationSteps = value;
        if (value == 0) {
            accumulator = null; // turned off: gradients not yet applied are dropped
        }
        return this;
    }

    /** Steps per update with gradient accumulation; 0 when off. */
    public int gradientAccumulationSteps() {
        return gradientAccumulationSteps;
    }

    private double positive(String what, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name() + ": " + what + " must be a positive number. Received: "
                    + value);
        }
        return value;
    }

    /** Keras's config: {@code learning_rate}, the hyper-parameters, and any weight decay and clipping that is set. */
    public Map<String, Double> config() {
        Map<String, Double> config = new LinkedHashMap<>();
        config.put("learning_rate", learningRate()); // a schedule is saved on its own (learningRateSchedule())
        config.putAll(hyperParameters());
        if (weightDecay > 0) {
            config.put("weight_decay", weightDecay);
        }
        if (!Double.isNaN(clipnorm)) {
            config.put("clipnorm", clipnorm);
        }
        if (!Double.isNaN(globalClipnorm)) {
            config.put("global_clipnorm", globalClipnorm);
        }
        if (!Double.isNaN(clipvalue)) {
            config.put("clipvalue", clipvalue);
        }
        if (useEma) {
            config.put("use_ema", 1.0);
            config.put("ema_momentum", emaMomentum);
            if (emaOverwriteFrequency > 0) {
                config.put("ema_overwrite_frequency", (double) emaOverwriteFrequency);
            }
        }
        if (gradientAccumulationSteps > 0) {
            config.put("gradient_accumulation_steps", (double) gradientAccumulationSteps);
        }
        return config;
    }

    /** Applies the weight decay and clipping entries of a saved config. */
    protected Optimizer withCommonOptions(Map<String, Double> config) {
        if (config.containsKey("weight_decay")) {
            weightDecay(config.get("weight_decay"));
        }
        if (config.containsKey("clipnorm")) {
            clipnorm(config.get("clipnorm"));
        }
        if (config.containsKey("global_clipnorm")) {
            globalClipnorm(config.get("global_clipnorm"));
        }
        if (config.containsKey("clipvalue")) {
            clipvalue(config.get("clipvalue"));
        }
        if (config.containsKey("use_ema")) {
            useEma(config.get("use_ema") != 0.0);
        }
        if (config.containsKey("ema_momentum")) {
            emaMomentum(config.get("ema_momentum"));
        }
        if (config.containsKey("ema_overwrite_frequency")) {
            emaOverwriteFrequency(integer(config, "ema_overwrite_frequency", ">= 1"));
        }
        if (config.containsKey("gradient_accumulation_steps")) {
            gradientAccumulationSteps(integer(config, "gradient_accumulation_steps", ">= 2"));
        }
        return this;
    }

    private int integer(Map<String, Double> config, String key, String range) {
        double value = config.get(key);
        if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name() + ": " + key + " must be an integer " + range + ". Received: "
                    + key + "=" + value);
        }
        return (int) value;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + config();
    }
}
