package dev.lamina.examples.reviews;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.core.activation.Activations;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example end to end on a small fixture: train, save, predict in a fresh JVM, and every bad input. */
class MovieReviewsTest {

    @TempDir
    Path dir;

    @AfterEach
    void unregister() {
        Activations.unregister(MaFonction.NAME);
    }

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private PrintStream out() {
        return new PrintStream(printed, true, StandardCharsets.UTF_8);
    }

    TrainCommand.Result train(Path data, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("--data", data.toString(), "--out", dir.resolve("out").toString(),
                "--vocab", "30", "--epochs", "40", "--batch-size", "16", "--learning-rate", "0.01", "--quiet"));
        args.addAll(List.of(extra));
        return new TrainCommand(out(), dir).run(args.toArray(String[]::new));
    }

    static String freshJvm(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp",
                System.getProperty("java.class.path"), MovieReviews.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = process.waitFor();
        return "exit " + status + "\n" + output;
    }

    @Test
    void trainsFromADirectoryAndPredictsInAFreshJvm() throws Exception {
        TrainCommand.Result result = train(ReviewFixture.directory(dir, 40));
        assertTrue(result.testAccuracy() >= 0.9, "accuracy " + result.testAccuracy());
        assertTrue(Files.exists(result.model()));
        assertTrue(Files.exists(PredictCommand.vocabularyPath(result.model())));
        assertTrue(Files.exists(dir.resolve("out/curves.png")));
        String log = printed.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("Read 80 training and 80 test reviews"), log);
        assertTrue(log.contains("Test accuracy: "), log);
        assertTrue(log.contains("Wrote "), log);

        String output = freshJvm("predict", "--model", result.model().toString(),
                "A wonderful, moving and brilliant film.", "Awful, boring, a terrible waste.");
        assertTrue(output.startsWith("exit 0"), output);
        String[] lines = output.split("\n");
        assertTrue(lines[1].contains("\tpositive\t"), output);
        assertTrue(lines[2].contains("\tnegative\t"), output);
    }

    @Test
    void theKerasFileBesideTheModelPredictsTheSameProbabilities() throws Exception {
        TrainCommand.Result result = train(ReviewFixture.directory(dir, 20), "--no-validation");
        Path keras = result.model().resolveSibling("model.keras");
        assertTrue(Files.exists(keras), "train writes model.keras beside model.json");
        String[] reviews = {"superb story, loved it", "dull plot, worst movie"};
        List<Double> fromJson = predict(result.model(), reviews);
        List<Double> fromKeras = predict(keras, reviews);
        assertEquals(fromJson, fromKeras);
        assertTrue(fromKeras.get(0) > 0.5 && fromKeras.get(1) < 0.5, fromKeras.toString());
    }

    @Test
    void aModelKerasCannotExpressKeepsItsJsonFileAndSaysWhy() throws Exception {
        TrainCommand.Result result = train(ReviewFixture.directory(dir, 20), "--no-validation",
                "--custom-activation", "--beta", "1.5");
        assertTrue(Files.exists(result.model()));
        assertFalse(Files.exists(result.model().resolveSibling("model.keras")));
        String log = printed.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("model.keras not written: "), log);
    }

    private List<Double> predict(Path model, String... reviews) throws IOException {
        List<String> args = new ArrayList<>(List.of("--model", model.toString()));
        args.addAll(List.of(reviews));
        return new PredictCommand(out(), new ByteArrayInputStream(new byte[0]), dir).run(args.toArray(String[]::new));
    }

    @Test
    void trainsFromATarGzArchiveWithTheSeedsCustomActivation() throws Exception {
        TrainCommand.Result result = train(ReviewFixture.archive(dir, 30), "--custom-activation", "--beta", "1.5");
        assertTrue(result.testAccuracy() >= 0.9, "accuracy " + result.testAccuracy());
        String forgot = freshJvm("predict", "--no-register", "--model", result.model().toString(), "great film");
        assertTrue(forgot.startsWith("exit 1"), forgot);
        assertTrue(forgot.contains("activation 'maFonction' (used by layer 'dense') is not registered"), forgot);
        assertFalse(forgot.contains("Exception"), forgot);
        String registered = freshJvm("predict", "--model", result.model().toString(), "great film");
        assertTrue(registered.startsWith("exit 0"), registered);
    }

    @Test
    void readsReviewsFromStandardInputAndFromAFile() throws Exception {
        TrainCommand.Result result = train(ReviewFixture.directory(dir, 20), "--no-validation");
        ByteArrayInputStream stdin = new ByteArrayInputStream("superb story\ndull plot\n".getBytes());
        List<Double> p = new PredictCommand(out(), stdin, dir).run(new String[] {"--model", result.model().toString()});
        assertEquals(2, p.size());
        assertTrue(p.get(0) > 0.5 && p.get(1) < 0.5, p.toString());
        Path file = ReviewFixture.write(dir.resolve("reviews.txt"), "loved it\nworst movie\n");
        List<Double> q = new PredictCommand(out(), new ByteArrayInputStream(new byte[0]), dir)
                .run(new String[] {"--model", result.model().toString(), "--file", file.toString()});
        assertTrue(q.get(0) > 0.5 && q.get(1) < 0.5, q.toString());
    }

    @Test
    void emptyReviewsAndReviewsWithoutKnownWordsGetAClearMessage() throws Exception {
        TrainCommand.Result result = train(ReviewFixture.directory(dir, 20), "--no-validation");
        List<Double> p = new PredictCommand(out(), new ByteArrayInputStream(new byte[0]), dir)
                .run(new String[] {"--model", result.model().toString(), "", "zzz qqq"});
        assertTrue(p.get(0).isNaN() && p.get(1).isNaN());
        String log = printed.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("(empty review)\tskipped: there is no text to classify"), log);
        assertTrue(log.contains("zzz qqq\tskipped: none of its words is in the"), log);
    }

    @Test
    void aMissingModelFileIsAClearError() throws Exception {
        String output = freshJvm("predict", "--model", dir.resolve("none.json").toString(), "text");
        assertTrue(output.startsWith("exit 1"), output);
        assertTrue(output.contains("error: No model at"), output);
        assertFalse(output.contains("Exception"), output);
    }

    @Test
    void aModelWithoutItsVocabularyIsAClearError() throws Exception {
        TrainCommand.Result result = train(ReviewFixture.directory(dir, 20), "--no-validation");
        Files.delete(PredictCommand.vocabularyPath(result.model()));
        IOException e = assertThrows(IOException.class, () -> new PredictCommand(out(),
                new ByteArrayInputStream(new byte[0]), dir).run(new String[] {"--model", result.model().toString(),
                    "great"}));
        assertTrue(e.getMessage().contains("has no vocabulary beside it"), e.getMessage());
    }

    @Test
    void aCorruptArchiveIsAClearError() throws Exception {
        Path archive = ReviewFixture.archive(dir, 5);
        byte[] bytes = Files.readAllBytes(archive);
        Path broken = Files.write(dir.resolve("broken.tar.gz"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        IOException e = assertThrows(IOException.class, () -> train(broken));
        assertTrue(e.getMessage().contains("is not a readable .tar.gz"), e.getMessage());
    }

    @Test
    void aMissingDataPathIsAClearError() {
        IOException e = assertThrows(IOException.class, () -> train(dir.resolve("nowhere")));
        assertTrue(e.getMessage().contains("does not exist. Pass an aclImdb directory"), e.getMessage());
    }
}
