package dev.lamina.examples.reviews;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.layers.SparseRows;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The parallel word-id path gives exactly what the text path (ImdbDataset, Tokenizer, Vocabulary.build) gives. */
class ReviewCorpusTest {

    @TempDir
    Path dir;

    /** The fixture, plus reviews with non-ASCII text, upper-case tags and ties in the word counts. */
    Path data() throws IOException {
        Path aclImdb = ReviewFixture.directory(dir, 25);
        ReviewFixture.write(aclImdb.resolve("train/pos/900_10.txt"), "CAFÉ société: ΟΔΟΣ<BR />naïve—İstanbul 😀");
        ReviewFixture.write(aclImdb.resolve("train/neg/901_1.txt"), "Zzz<br/>zzz<br>ΣΑΣ don't; won't");
        ReviewFixture.write(aclImdb.resolve("test/pos/902_8.txt"), "société unknownword Café");
        byte[] malformed = {'d', 'u', 'l', 'l', (byte) 0xC3, ' ', 'x'};
        Files.write(aclImdb.resolve("test/neg/903_2.txt"), malformed);
        return aclImdb;
    }

    @Test
    void givesTheSameVocabularyRowsAndLabelsAsTheTextPath() throws IOException {
        Path data = data();
        ImdbDataset text = ImdbDataset.read(data);
        List<List<String>> trainTokens = text.train().stream().map(r -> Tokenizer.tokenize(r.text())).toList();
        List<List<String>> testTokens = text.test().stream().map(r -> Tokenizer.tokenize(r.text())).toList();

        for (int size : new int[] {5, 40, 10_000}) {
            Vocabulary expected = Vocabulary.build(trainTokens, size);
            for (int encoders : new int[] {1, 3}) {
                ReviewCorpus corpus = CorpusReader.read(data, encoders);
                Vocabulary vocabulary = Vocabulary.mostFrequent(corpus.words(), size);
                assertEquals(expected.words(), vocabulary.words(), "vocabulary of " + size);
                assertEquals(expected.multiHot(trainTokens), vocabulary.multiHot(corpus.words(), corpus.train()));
                assertEquals(expected.multiHot(testTokens), vocabulary.multiHot(corpus.words(), corpus.test()));
                assertEquals(text.train().stream().map(Review::source).toList(),
                        corpus.train().stream().map(TokenizedReview::source).toList());
                assertEquals(labels(text.test()), ReviewCorpus.labels(corpus.test()));
            }
        }
    }

    @Test
    void readsTheArchiveLikeTheDirectory() throws IOException {
        Path archive = ReviewFixture.archive(dir, 10);
        ReviewCorpus fromArchive = ReviewCorpus.read(archive);
        ReviewCorpus fromDirectory = ReviewCorpus.read(dir.resolve("unpacked/aclImdb"));
        Vocabulary vocabulary = Vocabulary.mostFrequent(fromDirectory.words(), 100);
        assertEquals(vocabulary.words(), Vocabulary.mostFrequent(fromArchive.words(), 100).words());
        SparseRows rows = vocabulary.multiHot(fromArchive.words(), fromArchive.train());
        assertEquals(vocabulary.multiHot(fromDirectory.words(), fromDirectory.train()), rows);
        assertEquals(20, rows.rows()); // 10 positive and 10 negative training reviews
    }

    @Test
    void aCorruptArchiveFailsWithTheReadersMessageAndNoThreadLeft() throws Exception {
        byte[] bytes = Files.readAllBytes(ReviewFixture.archive(dir, 50));
        Path broken = Files.write(dir.resolve("broken.tar.gz"), Arrays.copyOf(bytes, bytes.length / 2));
        IOException e = assertThrows(IOException.class, () -> ReviewCorpus.read(broken));
        assertTrue(e.getMessage().contains("is not a readable .tar.gz"), e.getMessage());
        Path notTar = Files.write(dir.resolve("plain.tar.gz"), gzip("just text, no tar headers".repeat(40)));
        e = assertThrows(IOException.class, () -> ReviewCorpus.read(notTar));
        assertTrue(e.getMessage().contains("is not a valid tar archive"), e.getMessage());
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("imdb-corpus")) {
                thread.join(5_000);
                assertFalse(thread.isAlive(), "a reading thread outlived the failure");
            }
        }
    }

    @Test
    void anArchiveWithoutReviewsSaysWhatItExpected() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty/aclImdb"));
        for (String folder : List.of("train/pos", "train/neg", "test/pos", "test/neg")) {
            Files.createDirectories(empty.resolve(folder));
        }
        IOException e = assertThrows(IOException.class, () -> ReviewCorpus.read(empty));
        assertTrue(e.getMessage().contains("holds no reviews in the aclImdb layout"), e.getMessage());
    }

    /** The labels as the example built them before: a float[n][1] matrix. */
    private static INDArray labels(List<Review> reviews) {
        float[][] y = new float[reviews.size()][1];
        for (int i = 0; i < y.length; i++) {
            y[i][0] = reviews.get(i).positive() ? 1f : 0f;
        }
        return Nd4j.createFromArray(y);
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
