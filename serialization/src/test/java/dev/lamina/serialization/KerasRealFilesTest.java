package dev.lamina.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lamina.layers.CapturedLog;
import dev.lamina.layers.Sequential;
import io.jhdf.api.Group;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every folder of the real Keras files (see {@link KerasFixtures}) loads through {@code Sequential.load} and predicts
 * the reference outputs of {@code outputs.json} within {@code 1e-5 * max(1, |y|)}. As Keras's {@code load_model}, a
 * file with a compile config loads compiled: the optimizer class and learning rate the file names (read from it here),
 * and Keras 3's optimizer state (the step count); the warnings each file gives are those listed below.
 */
class KerasRealFilesTest {

    @RegisterExtension
    final CapturedLog log = new CapturedLog();

    private static final String SKIP = "Skipping variable loading for optimizer ";

    /**
     * The warnings loading a fixture logs, in order (none for the others): Keras 1/2's optimizer weights are not
     * mapped (Keras 3's are), tf.keras 2.15's archive holds no learning-rate variable, and compiling runs Lamina's
     * guard-rail checks.
     */
    static final Map<String, List<String>> WARNINGS = Map.ofEntries(
            Map.entry("a-k215-liver-swish-bn-akshat", List.of("the file has 45 variables, whereas Lamina's adam holds "
                    + "46")),
            Map.entry("b-k209-iris-activation-mindaugas", List.of(SKIP + "'adam', because Keras 2.0.9")),
            Map.entry("b-k211-diabetes-selu-wsong", List.of("selu", "selu", "selu", "selu", "selu", "selu", "selu",
                    SKIP + "'adam', because Keras 2.11.0")),
            Map.entry("b-k212-hepc-softmax-nishanki", List.of(SKIP + "'adam', because Keras 2.12.0")),
            Map.entry("b-k220-mlp-elu-joehahn", List.of(SKIP + "'adam', because Keras 2.2.0")),
            Map.entry("b-k222-pima-victorglt", List.of(SKIP + "'rmsprop', because Keras 2.2.2")),
            Map.entry("b-k224tf-mlp-tanh-softmax-cimatec", List.of(SKIP + "'adamax', because Keras 2.2.4-tf")),
            Map.entry("b-k24-diabetes-hemendra", List.of(SKIP + "'adam', because Keras 2.4.0")),
            Map.entry("b-k25-functional-relu-layer-sanjibansg", List.of(SKIP + "'sgd', because Keras 2.5.0")),
            Map.entry("optional-b-keras122-kmotohas", List.of("ends in sigmoid over 3 units")));

    /** Optional folders (outside Keras 2 and 3) that Lamina supports, and so runs. */
    static final Set<String> SUPPORTED_OPTIONAL = Set.of("optional-b-keras122-kmotohas");

    @TestFactory
    List<DynamicTest> everyRealKerasFilePredictsItsReferenceOutputs() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path folder : KerasFixtures.folders()) {
            String name = folder.getFileName().toString();
            if (name.startsWith("optional-") && !SUPPORTED_OPTIONAL.contains(name)) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(name, () -> check(folder)));
        }
        assertTrue(tests.size() >= 27, "expected the 27 fixture folders, found " + tests.size());
        return tests;
    }

    static Sequential load(Path folder) throws IOException {
        String format = Files.readString(folder.resolve("expected_format.txt")).trim();
        return switch (format) {
            case "a" -> Sequential.load(KerasFixtures.file(folder, ".keras"));
            case "b" -> Sequential.load(KerasFixtures.file(folder, ".h5"));
            case "c" -> Sequential.load(KerasFixtures.file(folder, ".json"), KerasFixtures.file(folder, ".h5"));
            default -> throw new AssertionError("unknown format '" + format + "' in " + folder);
        };
    }

    private void check(Path folder) throws IOException {
        String name = folder.getFileName().toString();
        int before = log.warnings().size();
        Sequential model = load(folder);
        List<String> warnings = log.warnings().subList(before, log.warnings().size());
        List<String> expectedWarnings = WARNINGS.getOrDefault(name, List.of());
        assertEquals(expectedWarnings.size(), warnings.size(), name + " warned " + warnings);
        for (int i = 0; i < warnings.size(); i++) {
            assertTrue(warnings.get(i).contains(expectedWarnings.get(i)), name + " warned " + warnings);
        }
        checkCompiled(folder, model, !expectedWarnings.stream().anyMatch(w -> w.contains("variables")
                || w.startsWith(SKIP)));
        ObjectMapper mapper = new ObjectMapper();
        JsonNode inputs = mapper.readTree(folder.resolve("inputs.json").toFile());
        JsonNode outputs = mapper.readTree(folder.resolve("outputs.json").toFile());
        INDArray x = Nd4j.create(matrix(inputs.get("data"))).castTo(DataType.FLOAT);
        double[][] expected = matrix(outputs.get("data"));
        double[][] actual = model.predict(x).castTo(DataType.DOUBLE).toDoubleMatrix();
        assertArrayEquals(new long[] {expected.length, expected[0].length},
                new long[] {actual.length, actual[0].length}, name + ": output shape");
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                double y = expected[i][j];
                double tolerance = 1e-5 * Math.max(1, Math.abs(y));
                assertTrue(Math.abs(actual[i][j] - y) <= tolerance, name + ": output [" + i + "][" + j + "] is "
                        + actual[i][j] + ", Keras gives " + y + " (tolerance " + tolerance + ")");
            }
        }
    }

    /**
     * The model is compiled exactly when the file holds a compile config (a {@code .keras} archive's
     * {@code compile_config}, an {@code .h5} file's {@code training_config}; never for format c, the to_json +
     * save_weights pair), with the optimizer class and learning rate read from the file; with {@code restored}, the
     * optimizer's step count is the file's.
     */
    private static void checkCompiled(Path folder, Sequential model, boolean restored) throws IOException {
        String name = folder.getFileName().toString();
        String format = Files.readString(folder.resolve("expected_format.txt")).trim();
        JsonNode optimizer = null;
        Long iterations = null;
        if (format.equals("a")) {
            Path file = KerasFixtures.file(folder, ".keras");
            Map<String, byte[]> entries = KerasArchiveReader.entries(Files.readAllBytes(file), name);
            optimizer = new ObjectMapper().readTree(entries.get("config.json")).path("compile_config")
                    .path("optimizer");
            try (Hdf5Reader h5 = Hdf5Reader.open(entries.get("model.weights.h5"), name)) {
                iterations = step(h5, h5.resolve(h5.root(), "optimizer/vars/0"));
            }
        } else if (format.equals("b")) {
            try (Hdf5Reader h5 = Hdf5Reader.open(Files.readAllBytes(KerasFixtures.file(folder, ".h5")), name)) {
                String training = h5.stringAttribute(h5.root(), "training_config");
                optimizer = training == null ? null : new ObjectMapper().readTree(training).path("optimizer_config");
                Group weights = h5.childGroup(h5.root(), "optimizer_weights");
                if (weights != null && restored) { // Keras 3's optimizer_weights: the step count first
                    iterations = step(h5, h5.resolve(weights, h5.names(weights, "weight_names").get(0)));
                }
            }
        }
        if (optimizer == null || optimizer.isMissingNode()) {
            assertFalse(model.isCompiled(), name + " holds no compile config");
            return;
        }
        assertTrue(model.isCompiled(), name + " holds a compile config");
        assertEquals(optimizer.get("class_name").asText().replace("Custom>", "").toLowerCase(Locale.ROOT),
                model.optimizer().name(), name);
        JsonNode config = optimizer.get("config");
        double rate = (config.has("learning_rate") ? config.get("learning_rate") : config.get("lr")).doubleValue();
        assertEquals(rate, model.optimizer().learningRate(), name);
        assertEquals(restored && iterations != null ? iterations : 0L, model.optimizer().iterations(), name);
    }

    private static Long step(Hdf5Reader h5, io.jhdf.api.Node node) throws ModelFormatException {
        return node == null ? null : Math.round(h5.read(node, new long[0], DataType.DOUBLE, true, "iterations")
                .getDouble(0));
    }

    private static double[][] matrix(JsonNode rows) {
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            out[i] = new double[rows.get(i).size()];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = rows.get(i).get(j).doubleValue();
            }
        }
        return out;
    }
}
