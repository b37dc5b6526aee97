package dev.lamina.serialization;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the real Keras files of {@code ../shared/fixtures/keras-real} (relative to the repository root; third-party
 * files, read in place and never copied into the repository). {@code -Dlamina.kerasFixtures=DIR} points elsewhere.
 */
final class KerasFixtures {

    private KerasFixtures() {
    }

    /** The fixture folder, or an assertion error that says where it was looked for. */
    static Path root() {
        String override = System.getProperty("lamina.kerasFixtures");
        if (override != null) {
            return existing(Path.of(override));
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (dir.getParent() != null && Files.isRegularFile(dir.resolve("pom.xml"))
                    && Files.isDirectory(dir.getParent().resolve("shared/fixtures/keras-real"))) {
                return dir.getParent().resolve("shared/fixtures/keras-real");
            }
        }
        throw new AssertionError("The real Keras fixtures were not found: expected ../shared/fixtures/keras-real next "
                + "to the repository (looked upwards from " + start + "). Put them there or pass "
                + "-Dlamina.kerasFixtures=DIR.");
    }

    private static Path existing(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new AssertionError("-Dlamina.kerasFixtures=" + dir + " is not a directory");
        }
        return dir;
    }

    static List<Path> folders() throws IOException {
        try (Stream<Path> dirs = Files.list(root())) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }

    static Path folder(String name) {
        return root().resolve(name);
    }

    /** The one file of {@code folder} whose name ends with {@code suffix} (and is not inputs/outputs.json). */
    static Path file(Path folder, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .filter(f -> !List.of("inputs.json", "outputs.json").contains(f.getFileName().toString()))
                    .toList();
            if (found.size() != 1) {
                throw new AssertionError("expected one *" + suffix + " in " + folder + ", found " + found);
            }
            return found.get(0);
        }
    }

    static byte[] bytes(String folder, String suffix) throws IOException {
        return Files.readAllBytes(file(folder(folder), suffix));
    }
}
