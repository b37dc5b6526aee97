package dev.lamina.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.core.loss.Loss;
import dev.lamina.core.loss.Losses;
import dev.lamina.core.loss.Reduction;
import dev.lamina.core.metric.Precision;
import dev.lamina.core.optimizer.Optimizer;
import dev.lamina.core.optimizer.Optimizers;
import dev.lamina.core.schedule.ExponentialDecay;
import dev.lamina.layers.CapturedLog;
import dev.lamina.layers.Dense;
import dev.lamina.layers.FitOptions;
import dev.lamina.layers.Sequential;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A compiled, trained model saved as {@code .keras} loads compiled, as Keras's {@code load_model} returns it: the
 * same optimizer (class, config, schedule), loss and metrics, and the optimizer's state, so that one more {@code fit}
 * gives bit for bit the weights the original model's next {@code fit} gives. What Lamina cannot compile loads
 * uncompiled, with a warning; optimizer variables that do not fit start afresh, with Keras's warning.
 */
class KerasCompileRoundTripTest {

    @RegisterExtension
    final CapturedLog log = new CapturedLog();

    @TempDir
    Path dir;

    private static final INDArray X = inputs();
    private static final INDArray Y = X.getColumns(0).add(X.getColumns(2)).gt(0).castTo(DataType.FLOAT);

    private static INDArray inputs() {
        float[] values = new float[96];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) Math.sin(0.7 * i);
        }
        return Nd4j.create(values, new long[] {32, 3}, 'c');
    }

    static Stream<Arguments> optimizers() {
        return Stream.of(
                Arguments.of("sgd", Map.of("learning_rate", 0.05, "momentum", 0.9, "nesterov", 1.0)),
                Arguments.of("rmsprop", Map.of()),
                Arguments.of("rmsprop", Map.of("momentum", 0.5, "centered", 1.0, "clipnorm", 1.0)),
                Arguments.of("adam", Map.of("learning_rate", 0.01)),
                Arguments.of("adam", Map.of("amsgrad", 1.0, "use_ema", 1.0, "ema_momentum", 0.9)),
                Arguments.of("adam", Map.of("gradient_accumulation_steps", 2.0, "global_clipnorm", 0.5)),
                Arguments.of("adamw", Map.of("weight_decay", 0.01)),
                Arguments.of("adagrad", Map.of("learning_rate", 0.05)),
                Arguments.of("adamax", Map.of()),
                Arguments.of("adadelta", Map.of("learning_rate", 1.0)),
                Arguments.of("lion", Map.of("learning_rate", 0.0005)),
                Arguments.of("ftrl", Map.of("l1_regularization_strength", 0.01, "beta", 0.1)));
    }

    private static Sequential model() {
        Nd4j.getRandom().setSeed(11);
        return new Sequential(new Dense(4, "tanh", 3), new Dense(1, "sigmoid"));
    }

    private static void fit(Sequential model, int epochs) {
        model.fit(X, Y, FitOptions.epochs(epochs).batchSize(16).shuffle(false).verbose(0));
    }

    /** Compiles, trains, saves, loads; checks the settings; then one more fit on both. */
    private Sequential roundTrip(Optimizer optimizer, Loss loss, Object... metrics) throws IOException {
        Sequential original = model();
        original.compile(optimizer, loss, metrics);
        fit(original, 2);
        Path file = dir.resolve("m.keras");
        original.save(file);
        Sequential loaded = Sequential.load(file);

        assertTrue(loaded.isCompiled());
        assertEquals(original.optimizer().getClass(), loaded.optimizer().getClass());
        assertEquals(original.optimizer().config(), loaded.optimizer().config());
        assertEquals(String.valueOf(original.optimizer().learningRateSchedule()),
                String.valueOf(loaded.optimizer().learningRateSchedule()));
        assertEquals(original.optimizer().iterations(), loaded.optimizer().iterations());
        assertEquals(original.loss().name(), loaded.loss().name());
        assertEquals(original.loss().config(), loaded.loss().config());
        assertEquals(original.loss().reduction(), loaded.loss().reduction());
        assertEquals(metricsJson(original), metricsJson(loaded));

        fit(original, 1);
        fit(loaded, 1);
        for (int i = 0; i < original.getWeights().size(); i++) {
            assertArrayEquals(original.getWeights().get(i).dup('c').data().asFloat(),
                    loaded.getWeights().get(i).dup('c').data().asFloat(),
                    "weight " + i + ": one more fit after loading takes the original model's next step");
        }
        return loaded;
    }

    private static String metricsJson(Sequential model) {
        ArrayNode metrics = JsonNodeFactory.instance.arrayNode();
        model.metrics().forEach(metric -> MetricJson.write(metrics, metric));
        return metrics.toString();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("optimizers")
    void everyOptimizerLoadsCompiledWithItsStateAndTakesTheSameNextStep(String name, Map<String, Double> config)
            throws IOException {
        roundTrip(Optimizers.get(name, config), Losses.get("binary_crossentropy"), "accuracy");
    }

    @Test
    void aScheduleLossObjectAndMetricObjectsLoadBack() throws IOException {
        Optimizer adam = Optimizers.get("adam").learningRateSchedule(new ExponentialDecay(0.01, 2, 0.5));
        Loss smoothed = Losses.get("binary_crossentropy", Map.of("label_smoothing", 0.1));
        roundTrip(adam, smoothed, "accuracy", new Precision(), "mae");
        roundTrip(Optimizers.get("sgd"), Losses.get("huber", Map.of("delta", 0.5)).withReduction(Reduction.SUM));
    }

    @Test
    void nadamLoadsCompiledButItsStateStartsAfreshAsInKeras() throws IOException {
        Sequential original = model();
        original.compile(Optimizers.get("nadam"), Losses.get("mse"));
        fit(original, 1);
        original.save(dir.resolve("nadam.keras"));
        Sequential loaded = Sequential.load(dir.resolve("nadam.keras"));
        assertTrue(loaded.isCompiled());
        assertEquals("nadam", loaded.optimizer().name());
        assertEquals(0, loaded.optimizer().iterations());
        log.assertWarnings("Skipping variable loading for optimizer 'nadam'");
    }

    @Test
    void anUnzippedArchiveLoadsCompiledWithItsState() throws IOException {
        Sequential original = model();
        original.compile("rmsprop", "binary_crossentropy", "accuracy");
        fit(original, 2);
        original.save(dir.resolve("m.keras"));
        Path unzipped = Files.createDirectory(dir.resolve("unzipped"));
        for (String name : new String[] {"config.json", "metadata.json", "model.weights.h5"}) {
            Files.write(unzipped.resolve(name), entry(dir.resolve("m.keras"), name));
        }
        Sequential loaded = Sequential.load(unzipped);
        assertTrue(loaded.isCompiled());
        assertEquals(original.optimizer().iterations(), loaded.optimizer().iterations());
        assertEquals(original.optimizer().state().keySet(), loaded.optimizer().state().keySet());
    }

    @Test
    void notCompiledModelLoadsUncompiled() throws IOException {
        model().save(dir.resolve("plain.keras"));
        assertFalse(Sequential.load(dir.resolve("plain.keras")).isCompiled());
    }

    @Test
    void architectureJsonWithWeightsLoadsUncompiledAsInKeras() throws IOException {
        Sequential original = model();
        original.compile("adam", "mse");
        fit(original, 1);
        original.save(dir.resolve("m.keras"));
        original.saveWeights(dir.resolve("m.weights.h5"));
        Path json = dir.resolve("m.json");
        Files.write(json, entry(dir.resolve("m.keras"), "config.json")); // holds compile_config, as to_json() does not
        Sequential loaded = Sequential.load(json, dir.resolve("m.weights.h5"));
        assertFalse(loaded.isCompiled());
        assertNull(loaded.optimizer());
    }

    /** Saves a trained Adam model, edits its compile_config, loads it. */
    private Sequential loadEdited(Consumer<ObjectNode> edit) throws IOException {
        Sequential original = model();
        original.compile("adam", "binary_crossentropy", "accuracy");
        fit(original, 1);
        Path file = dir.resolve("edited.keras");
        original.save(file);
        ObjectNode config = (ObjectNode) new ObjectMapper().readTree(entry(file, "config.json"));
        edit.accept((ObjectNode) config.get("compile_config"));
        replaceEntry(file, "config.json", config.toString().getBytes());
        return Sequential.load(file);
    }

    @Test
    void whatLaminaLacksLoadsTheModelUncompiledWithAWarningNamingIt() throws IOException {
        assertFalse(loadEdited(c -> ((ObjectNode) c.get("optimizer")).put("class_name", "Muon")).isCompiled());
        log.assertWarnings("optimizer class 'Muon'");
        assertFalse(loadEdited(c -> ((ObjectNode) c.get("optimizer").get("config")).put("decay", 0.01))
                .isCompiled());
        log.assertWarnings("optimizer class 'Muon'", "optimizer decay 0.01");
        assertFalse(loadEdited(c -> c.set("loss", lossObject("Tversky"))).isCompiled());
        assertFalse(loadEdited(c -> c.putArray("metrics").addObject().put("class_name", "IoU")).isCompiled());
        assertFalse(loadEdited(c -> c.putArray("loss_weights").add(0.5)).isCompiled());
        assertFalse(loadEdited(c -> c.putArray("weighted_metrics").add("accuracy")).isCompiled());
        log.assertWarnings("optimizer class 'Muon'", "optimizer decay 0.01", "loss class 'Tversky'",
                "'IoU' is not a metric class", "loss_weights [0.5]", "weighted_metrics [\"accuracy\"]");
        assertTrue(log.warnings().stream().allMatch(w -> w.contains("edited.keras!config.json")
                && w.contains("was *not* compiled")));
    }

    @Test
    void optimizerVariablesThatDoNotFitStartAfreshWithKerasWarning() throws IOException {
        // amsgrad adds v_hat: Lamina's Adam then holds more variables than the file
        Sequential loaded = loadEdited(c -> ((ObjectNode) c.get("optimizer").get("config")).put("amsgrad", true));
        assertTrue(loaded.isCompiled());
        assertEquals(0, loaded.optimizer().iterations());
        assertTrue(loaded.optimizer().state().isEmpty());
        log.assertWarnings("Skipping variable loading for optimizer 'adam', because the file has 10 variables, "
                + "whereas Lamina's adam holds 14");
    }

    private static JsonNode lossObject(String className) {
        ObjectNode loss = JsonNodeFactory.instance.objectNode();
        loss.put("module", "keras.losses");
        loss.put("class_name", className);
        loss.putObject("config").put("name", "tversky");
        loss.putNull("registered_name");
        return loss;
    }

    static byte[] entry(Path zip, String name) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().equals(name)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new AssertionError(name + " not in " + zip);
    }

    private static void replaceEntry(Path zip, String name, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(zip)));
             ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] data = e.getName().equals(name) ? content : in.readAllBytes();
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(data);
                out.closeEntry();
            }
        }
        Files.write(zip, bytes.toByteArray());
    }
}
