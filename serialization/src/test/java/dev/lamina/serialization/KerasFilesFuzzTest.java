package dev.lamina.serialization;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.lamina.core.activation.UnknownActivationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.opentest4j.AssertionFailedError;

/**
 * Property-based fuzzing of the Keras readers: corrupted, truncated and spliced {@code .keras}, {@code .h5} and
 * {@code .weights.h5} files (ours from {@code keras-made/}, and real ones read in memory from the shared fixtures) give
 * a model or {@link ModelFormatException} / {@link UnknownActivationException}, never another exception, and never
 * hang: each try is bounded in time.
 */
class KerasFilesFuzzTest {

    /** A source file: its bytes and how it is read. */
    record Source(String name, byte[] bytes, Kind kind) {
    }

    enum Kind { ARCHIVE, LEGACY_H5, WEIGHTS }

    static final List<Source> SOURCES = readSources();
    static final KerasConfigNormalizer.Normalized SEQUENTIAL = sequentialArchitecture();

    private static List<Source> readSources() {
        try {
            return List.of(
                    new Source("sequential.keras", Files.readAllBytes(KerasMadeFilesTest.made("sequential.keras")),
                            Kind.ARCHIVE),
                    new Source("sequential.h5", Files.readAllBytes(KerasMadeFilesTest.made("sequential.h5")),
                            Kind.LEGACY_H5),
                    new Source("sequential.weights.h5",
                            Files.readAllBytes(KerasMadeFilesTest.made("sequential.weights.h5")), Kind.WEIGHTS),
                    new Source("fixture a-k3-churn-404error",
                            KerasFixtures.bytes("a-k3-churn-404error", ".keras"), Kind.ARCHIVE),
                    new Source("fixture b-k222-pima-victorglt",
                            KerasFixtures.bytes("b-k222-pima-victorglt", ".h5"), Kind.LEGACY_H5),
                    new Source("fixture b-k209-iris-activation-mindaugas",
                            KerasFixtures.bytes("b-k209-iris-activation-mindaugas", ".h5"), Kind.LEGACY_H5));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KerasConfigNormalizer.Normalized sequentialArchitecture() {
        try {
            byte[] json = Files.readAllBytes(KerasMadeFilesTest.made("sequential.json"));
            return KerasConfigNormalizer.normalize(ModelJson.parse(json, 1 << 20), "sequential.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Held strongly: java.util.logging keeps only weak references to its loggers. */
    private static final Logger LAMINA = Logger.getLogger("dev.lamina");

    /**
     * Loads {@code bytes} as {@code source} is read. A corrupted file that still loads may log the warnings of a
     * compile config or optimizer state that cannot be followed (and the real .h5 fixtures always do: Keras 2's
     * optimizer weights are not mapped); they are documented outcomes, so they are discarded here rather than
     * printed hundreds of times (jqwik properties do not take {@code CapturedLog}).
     */
    static void loadsOrFailsCleanly(Source source, byte[] bytes, String mutation) {
        boolean parents = LAMINA.getUseParentHandlers();
        LAMINA.setUseParentHandlers(false);
        try {
            load(source, bytes, mutation);
        } finally {
            LAMINA.setUseParentHandlers(parents);
        }
    }

    private static void load(Source source, byte[] bytes, String mutation) {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try {
                switch (source.kind()) {
                    case ARCHIVE -> KerasArchiveReader.read(bytes, source.name());
                    case LEGACY_H5 -> LegacyH5Reader.read(bytes, source.name());
                    case WEIGHTS -> KerasModelFiles.withWeights(SEQUENTIAL, bytes, source.name());
                    default -> throw new IllegalStateException();
                }
            } catch (ModelFormatException | UnknownActivationException expected) {
                // documented outcomes
            } catch (Throwable other) {
                AssertionFailedError failure = new AssertionFailedError("undocumented " + other + " for "
                        + source.name() + " " + mutation);
                failure.initCause(other);
                throw failure;
            }
        }, () -> source.name() + " " + mutation + " did not finish in time");
    }

    /** Overwrites 1 to 16 bytes at a random place with random values. */
    @Property(tries = 600)
    void corruptedFilesLoadOrFailCleanly(@ForAll("sources") Source source, @ForAll("fractions") double where,
                                         @ForAll("noise") byte[] noise) {
        byte[] bytes = source.bytes().clone();
        int at = (int) (where * (bytes.length - noise.length));
        System.arraycopy(noise, 0, bytes, at, noise.length);
        loadsOrFailsCleanly(source, bytes, "with " + noise.length + " bytes overwritten at " + at);
    }

    /** Cuts the file short, or cuts a random slice out of it. */
    @Property(tries = 300)
    void truncatedAndSplicedFilesLoadOrFailCleanly(@ForAll("sources") Source source, @ForAll("fractions") double from,
                                                    @ForAll("fractions") double length, @ForAll boolean truncate) {
        byte[] all = source.bytes();
        int start = (int) (from * all.length);
        byte[] bytes;
        String mutation;
        if (truncate) {
            bytes = Arrays.copyOf(all, start);
            mutation = "truncated to " + start + " bytes";
        } else {
            int end = Math.min(all.length, start + 1 + (int) (length * 4096));
            bytes = new byte[all.length - (end - start)];
            System.arraycopy(all, 0, bytes, 0, start);
            System.arraycopy(all, end, bytes, start, all.length - end);
            mutation = "without bytes " + start + ".." + end;
        }
        loadsOrFailsCleanly(source, bytes, mutation);
    }

    /** Changes one byte of HDF5 structure to small integers and boundary values, where lengths and offsets live. */
    @Property(tries = 400)
    void boundaryValuesInFilesLoadOrFailCleanly(@ForAll("sources") Source source, @ForAll("fractions") double where,
                                                @ForAll("boundaries") int value) {
        byte[] bytes = source.bytes().clone();
        int at = (int) (where * (bytes.length - 4));
        bytes[at] = (byte) value;
        bytes[at + 1] = (byte) (value >> 8);
        loadsOrFailsCleanly(source, bytes, "with " + value + " written at " + at);
    }

    static final List<String> CONFIGS = List.of("sequential", "functional");

    /** Mutates the architecture JSON of a to_json + save_weights pair, then loads it with its weights. */
    @Property(tries = 500)
    void mutatedKerasConfigsLoadOrFailCleanly(@ForAll("configs") String which, @ForAll("fractions") double where,
                                             @ForAll("jsonPieces") String piece, @ForAll("lengths") int cut) {
        byte[] json;
        byte[] weights;
        try {
            json = Files.readAllBytes(KerasMadeFilesTest.made(which + ".json"));
            weights = Files.readAllBytes(KerasMadeFilesTest.made(which + ".weights.h5"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text = new String(json, java.nio.charset.StandardCharsets.UTF_8);
        int at = (int) (where * text.length());
        String mutated = text.substring(0, at) + piece + text.substring(Math.min(text.length(), at + cut));
        Source source = new Source(which + ".json", mutated.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Kind.WEIGHTS);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try {
                KerasConfigNormalizer.Normalized normalized = KerasConfigNormalizer.normalize(
                        ModelJson.parse(source.bytes(), 1 << 20), source.name(), null);
                KerasModelFiles.withWeights(normalized, weights, which + ".weights.h5");
            } catch (ModelFormatException | UnknownActivationException expected) {
                // documented outcomes
            } catch (Throwable other) {
                AssertionFailedError failure = new AssertionFailedError("undocumented " + other + " for " + which
                        + ".json with '" + piece + "' at " + at + " replacing " + cut + " characters");
                failure.initCause(other);
                throw failure;
            }
        });
    }

    @Provide
    Arbitrary<String> configs() {
        return Arbitraries.of(CONFIGS);
    }

    @Provide
    Arbitrary<String> jsonPieces() {
        return Arbitraries.of("", "-1", "1e308", "null", "[]", "{}", "\"x\"", "true", "99999999999", "0", "\"relu\"",
                "\"Dense\"", "\"Conv2D\"", "\"InputLayer\"", "\"Functional\"", ",", "\"", "}", "[null, -5]",
                "[\"dense\", 1, 0]", "\"keras_history\"", "\"inbound_nodes\": []", "\"float16\"", "1.5", "2");
    }

    @Provide
    Arbitrary<Integer> lengths() {
        return Arbitraries.integers().between(0, 12);
    }

    @Provide
    Arbitrary<Source> sources() {
        return Arbitraries.of(SOURCES);
    }

    @Provide
    Arbitrary<Double> fractions() {
        return Arbitraries.doubles().between(0, 1);
    }

    @Provide
    Arbitrary<byte[]> noise() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(16);
    }

    @Provide
    Arbitrary<Integer> boundaries() {
        return Combinators.combine(Arbitraries.of(0, 1, 2, 3, 0x7f, 0x80, 0xff, 0x7fff, 0xffff), Arbitraries.just(0))
                .as(Integer::sum);
    }
}
