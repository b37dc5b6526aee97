package dev.lamina.layers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The values Keras printed for a reference script under {@code src/test/resources/keras-reference/}: one case per
 * line, {@code name {v1, v2, ...}}.
 *
 * <pre>{@code
 * KerasReference keras = KerasReference.load("element_layers.txt");
 * INDArray expected = keras.matrix("elu_default", 3, 5);
 * }</pre>
 */
final class KerasReference {

    private final Map<String, double[]> cases;

    private KerasReference(Map<String, double[]> cases) {
        this.cases = cases;
    }

    static KerasReference load(String file) {
        Map<String, double[]> cases = new HashMap<>();
        try (InputStream in = KerasReference.class.getResourceAsStream("/keras-reference/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource keras-reference/" + file);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int space = line.indexOf(" {");
                String values = line.substring(space + 2, line.length() - 1);
                cases.put(line.substring(0, space), Arrays.stream(values.split(", ")).mapToDouble(Double::parseDouble)
                        .toArray());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new KerasReference(cases);
    }

    double[] values(String name) {
        double[] values = cases.get(name);
        if (values == null) {
            throw new IllegalArgumentException("no case '" + name + "' among " + cases.keySet());
        }
        return values.clone();
    }

    /** A case as a float64 {@code [rows, columns]} matrix. */
    INDArray matrix(String name, int rows, int columns) {
        return Nd4j.create(values(name), new long[] {rows, columns}, 'c');
    }
}
