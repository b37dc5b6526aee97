package dev.lamina.examples.reviews;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --spark local[2]} and {@code score --spark local[2]} end to end on a small fixture archive. */
class SparkCommandsTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private PrintStream out() {
        return new PrintStream(printed, true, StandardCharsets.UTF_8);
    }

    @Test
    void trainsOnSparkThenScoresAFolderIntoCsv() throws IOException {
        Path archive = ReviewFixture.archive(dir, 40);
        double accuracy = new SparkTrainCommand(out(), dir).run(new String[] {"--spark", "local[2]", "--data",
                archive.toString(), "--out", dir.resolve("out").toString(), "--vocab", "30", "--units", "8",
                "--epochs", "20", "--batch-size", "8", "--optimizer", "adam", "--learning-rate", "0.01",
                "--averaging-frequency", "2"});
        String log = printed.toString(StandardCharsets.UTF_8);
        assertTrue(accuracy >= 0.9, "accuracy " + accuracy + "\n" + log);
        assertTrue(log.contains("Epoch 20/20 - ") && log.contains("on 2 partitions"), log);
        Path model = dir.resolve("out/model.json");
        assertTrue(Files.exists(model) && Files.exists(PredictCommand.vocabularyPath(model)));

        Path folder = Files.createDirectories(dir.resolve("mine/deeper"));
        ReviewFixture.write(dir.resolve("mine/good.txt"), "A wonderful, moving and brilliant film.");
        ReviewFixture.write(folder.resolve("bad.txt"), "Awful, boring, a terrible waste.");
        Path output = dir.resolve("scores");
        long scored = new SparkScoreCommand(out(), dir).run(new String[] {"--spark", "local[2]", "--model",
                model.toString(), "--input", dir.resolve("mine").toString(), "--output", output.toString(),
                "--format", "csv"});
        assertEquals(2, scored);
        List<String> lines;
        try (Stream<Path> parts = Files.list(output)) {
            lines = parts.filter(p -> p.toString().endsWith(".csv")).flatMap(p -> {
                try {
                    return Files.readAllLines(p).stream();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).filter(line -> !line.startsWith("source,")).sorted().toList();
        }
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("deeper/bad.txt,") && lines.get(0).endsWith(",negative"), lines.toString());
        assertTrue(lines.get(1).startsWith("good.txt,") && lines.get(1).endsWith(",positive"), lines.toString());
    }

    @Test
    void scoreReadsOnlyTheReviewsOfTheImdbLayoutButEveryTextOfAnyOtherFolder() throws IOException {
        Path aclImdb = ReviewFixture.directory(dir.resolve("imdb"), 3);
        Files.writeString(aclImdb.resolve("imdbEr.txt"), "0.0490972013402\n");
        Files.writeString(aclImdb.resolve("train").resolve("urls_pos.txt"), "http://www.imdb.com/title/tt0453418\n");
        assertEquals(12, SparkScoreCommand.read(aclImdb).size()); // 2 splits x 2 labels x 3 reviews
        assertEquals(12, SparkScoreCommand.read(ReviewFixture.archive(dir.resolve("tar"), 3)).size());
        Path plain = Files.createDirectories(dir.resolve("plain"));
        Files.writeString(plain.resolve("a.txt"), "a fine film");
        Files.writeString(plain.resolve("notes.txt"), "not a review, but a text to score all the same");
        assertEquals(2, SparkScoreCommand.read(plain).size());
    }

    @Test
    void scoreRefusesAnOutputFolderThatIsNotEmptyAndMissingOptions() throws IOException {
        Files.writeString(Files.createDirectories(dir.resolve("taken")).resolve("x"), "x");
        IOException taken = assertThrows(IOException.class, () -> new SparkScoreCommand(out(), dir).run(new String[] {
                "--spark", "local[2]", "--input", dir.toString(), "--output", dir.resolve("taken").toString()}));
        assertTrue(taken.getMessage().contains("is not an empty folder"), taken.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> new SparkScoreCommand(out(), dir).run(new String[] {"--spark", "local[2]"}));
        assertTrue(missing.getMessage().contains("--input DIR_OR_TAR"), missing.getMessage());
    }
}
