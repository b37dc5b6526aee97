package dev.lamina.examples.reviews;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.layers.BatchSource;
import dev.lamina.layers.DataBatch;
import dev.lamina.layers.SparseRows;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The IMDB reviews streamed from the archive as batches, against the in-memory corpus of the same fixture. */
class ReviewStreamTest {

    @TempDir
    Path dir;

    @Test
    void theStreamedVocabularyIsTheCorpusVocabulary() throws IOException {
        Path archive = ReviewFixture.archive(dir, 30);
        ReviewCorpus corpus = ReviewCorpus.read(archive);
        assertEquals(Vocabulary.mostFrequent(corpus.words(), 12).words(),
                ReviewStream.vocabulary(archive, 12).words());
    }

    @Test
    void aPassYieldsEveryReviewOfTheSplitOnceAsTheCorpusRowsWithBothLabelsInTurn() throws IOException {
        for (Path source : List.of(ReviewFixture.archive(dir.resolve("a"), 25),
                ReviewFixture.directory(dir.resolve("d"), 25))) {
            ReviewCorpus corpus = ReviewCorpus.read(source);
            Vocabulary vocabulary = Vocabulary.mostFrequent(corpus.words(), 20);
            INDArray expected = vocabulary.multiHot(corpus.words(), corpus.test()).toDense();
            Map<String, Integer> expectedRows = new HashMap<>();
            for (int r = 0; r < expected.rows(); r++) {
                expectedRows.merge(expected.getRow(r).toString() + corpus.test().get(r).positive(), 1, Integer::sum);
            }
            Map<String, Integer> streamedRows = new HashMap<>();
            List<Float> labels = new ArrayList<>();
            try (BatchSource.Cursor cursor = new ReviewStream(source, "test", vocabulary, 8).open(0)) {
                while (cursor.hasNext()) {
                    DataBatch batch = cursor.next();
                    INDArray rows = ((SparseRows) batch.features()).toDense();
                    for (int r = 0; r < rows.rows(); r++) {
                        float label = batch.labels().getFloat(r, 0);
                        labels.add(label);
                        streamedRows.merge(rows.getRow(r).toString() + (label == 1f), 1, Integer::sum);
                    }
                }
            }
            assertEquals(expectedRows, streamedRows, source.toString());
            assertEquals(List.of(0f, 1f, 0f, 1f), labels.subList(0, 4), "negative and positive shards in turn");
        }
    }

    @Test
    void trainStreamReachesTheAccuracyOfTheInMemoryRunOnTheFixture() throws IOException {
        Path archive = ReviewFixture.archive(dir, 40);
        List<String> common = List.of("--data", archive.toString(), "--vocab", "30", "--epochs", "40",
                "--batch-size", "16", "--learning-rate", "0.01", "--quiet");
        List<String> streamed = new ArrayList<>(common);
        streamed.addAll(List.of("--stream", "--buffer", "30", "--out", dir.resolve("stream").toString()));
        List<String> inMemory = new ArrayList<>(common);
        inMemory.addAll(List.of("--no-validation", "--out", dir.resolve("memory").toString()));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        TrainCommand.Result fromStream = new StreamTrainCommand(out, dir).run(streamed.toArray(String[]::new));
        TrainCommand.Result fromMemory = new TrainCommand(out, dir).run(inMemory.toArray(String[]::new));
        assertTrue(fromStream.testAccuracy() > 0.9, printed.toString(StandardCharsets.UTF_8));
        assertEquals(fromMemory.testAccuracy(), fromStream.testAccuracy(), 0.05);
        assertTrue(Files.exists(fromStream.model()) && Files.exists(PredictCommand.vocabularyPath(fromStream.model())));
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("streamed from " + archive));
    }

    @Test
    void aCorruptArchiveFailsWithTheFixWhileStreaming() throws IOException {
        Path archive = ReviewFixture.archive(dir, 30);
        Vocabulary vocabulary = ReviewStream.vocabulary(archive, 10);
        byte[] bytes = Files.readAllBytes(archive);
        Path truncated = Files.write(dir.resolve("truncated.tar.gz"), java.util.Arrays.copyOf(bytes,
                bytes.length / 2));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> {
            try (BatchSource.Cursor cursor = new ReviewStream(truncated, "train", vocabulary, 8).open(0)) {
                cursor.forEachRemaining(batch -> { });
            }
        });
        assertTrue(e.getMessage().contains("not a readable .tar.gz") && e.getMessage().contains("--data PATH"),
                e.getMessage());
    }
}
