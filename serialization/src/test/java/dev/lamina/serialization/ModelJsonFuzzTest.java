package dev.lamina.serialization;

import dev.lamina.core.activation.UnknownActivationException;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Dropout;
import dev.lamina.layers.Sequential;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.opentest4j.AssertionFailedError;

/**
 * Property-based fuzzing of the loader: arbitrary bytes and mutations of a valid file give either a model or one of
 * the documented exceptions — never another exception, an OutOfMemoryError or a hang. Bounded in tries and time.
 */
class ModelJsonFuzzTest {

    static final byte[] VALID = validFile();

    static byte[] validFile() {
        Sequential model = new Sequential().seed(7);
        model.add(new Dense(3, "relu", 2));
        model.add(new Dropout(0.1));
        model.add(new Dense(2, "softmax"));
        model.compile("adam", "categorical_crossentropy", "accuracy");
        return ModelJson.toJson(model).getBytes(StandardCharsets.UTF_8);
    }

    static void loadsOrFailsCleanly(byte[] bytes) {
        try {
            ModelJson.fromJson(bytes, 1 << 20);
        } catch (ModelFormatException | UnknownActivationException expected) {
            // documented outcomes
        } catch (Throwable other) {
            AssertionFailedError failure = new AssertionFailedError("undocumented " + other + " for input: "
                    + new String(bytes, StandardCharsets.UTF_8));
            failure.initCause(other);
            throw failure;
        }
    }

    @Property(tries = 300)
    void arbitraryBytesLoadOrFailCleanly(@ForAll @Size(max = 400) byte[] bytes) {
        loadsOrFailsCleanly(bytes);
    }

    @Property(tries = 400)
    void mutatedValidFilesLoadOrFailCleanly(@ForAll("mutations") byte[] bytes) {
        loadsOrFailsCleanly(bytes);
    }

    @Provide
    Arbitrary<byte[]> mutations() {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, VALID.length - 1);
        Arbitrary<String> replacement = Arbitraries.of("", "-1", "1e308", "null", "[]", "{}", "\"x\"", "true",
                "99999999999", "0", "\"relu\"", "\"Dense\"", ",", "\"", "}", "[null, -5]", "NaN", "1.5");
        return net.jqwik.api.Combinators.combine(position, Arbitraries.integers().between(0, 12), replacement)
                .as((at, length, text) -> {
                    int end = Math.min(VALID.length, at + length);
                    byte[] insert = text.getBytes(StandardCharsets.UTF_8);
                    byte[] out = new byte[at + insert.length + VALID.length - end];
                    System.arraycopy(VALID, 0, out, 0, at);
                    System.arraycopy(insert, 0, out, at, insert.length);
                    System.arraycopy(VALID, end, out, at + insert.length, VALID.length - end);
                    return out;
                });
    }
}
