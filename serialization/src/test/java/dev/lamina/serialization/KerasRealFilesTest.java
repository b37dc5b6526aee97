package dev.lamina.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lamina.layers.Sequential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every folder of the real Keras files (see {@link KerasFixtures}) loads through {@code Sequential.load} and predicts
 * the reference outputs of {@code outputs.json} within {@code 1e-5 * max(1, |y|)}.
 */
class KerasRealFilesTest {

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

    private static void check(Path folder) throws IOException {
        String name = folder.getFileName().toString();
        Sequential model = load(folder);
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
