package dev.lamina.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.core.optimizer.Adam;
import dev.lamina.layers.BatchSource;
import dev.lamina.layers.DataBatch;
import dev.lamina.layers.Dense;
import dev.lamina.layers.FitOptions;
import dev.lamina.layers.Sequential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CsvSourceTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static List<DataBatch> read(BatchSource source, int epoch) {
        List<DataBatch> batches = new ArrayList<>();
        try (BatchSource.Cursor cursor = source.open(epoch)) {
            cursor.forEachRemaining(batches::add);
        }
        return batches;
    }

    private static IllegalArgumentException failure(BatchSource source) {
        return assertThrows(IllegalArgumentException.class, () -> read(source, 0));
    }

    @Test
    void labelsByNameAndEveryOtherColumnAsFeaturesInBatches() throws IOException {
        Path file = write("a.csv", "a,b,y,c\n1,2,0,3\n4,5,1,6\n7,8,0,9\n\n10,11,1,12\n13,14,0,15\n");
        List<DataBatch> batches = read(CsvSource.of(file).labels("y").batchSize(2), 0);
        assertEquals(3, batches.size());
        assertEquals(Nd4j.createFromArray(new float[][] {{1, 2, 3}, {4, 5, 6}}), batches.get(0).features());
        assertEquals(Nd4j.createFromArray(new float[][] {{0}, {1}}), batches.get(0).labels());
        assertEquals(Nd4j.createFromArray(new float[][] {{13, 14, 15}}), batches.get(2).features());
        assertNull(batches.get(0).sampleWeights());
    }

    @Test
    void columnsByIndexWithoutAHeaderAndASelectionOfFeaturesInTheirOrder() throws IOException {
        Path file = write("b.csv", "1;2;3;4\n5;6;7;8\n");
        DataBatch batch = read(CsvSource.of(file).header(false).delimiter(';').labels(3, 0).features(2, 1), 0).get(0);
        assertEquals(Nd4j.createFromArray(new float[][] {{3, 2}, {7, 6}}), batch.features());
        assertEquals(Nd4j.createFromArray(new float[][] {{4, 1}, {8, 5}}), batch.labels());
    }

    @Test
    void unlabelledFilesGiveFeatureOnlyBatches() throws IOException {
        Path file = write("u.csv", "a,b\n1,2\n");
        DataBatch batch = read(CsvSource.of(file).unlabelled(), 0).get(0);
        assertEquals(Nd4j.createFromArray(new float[][] {{1, 2}}), batch.features());
        assertNull(batch.labels());
    }

    @Test
    void aSampleWeightColumnWeighsItsRowAndIsNotAFeature() throws IOException {
        Path file = write("w.csv", "x,y,w\n1,0,0.5\n2,1,2\n");
        DataBatch batch = read(CsvSource.of(file).labels("y").sampleWeights("w"), 0).get(0);
        assertEquals(Nd4j.createFromArray(new float[][] {{1}, {2}}), batch.features());
        assertEquals(Nd4j.createFromArray(new float[][] {{0.5f}, {2}}), batch.sampleWeights());
    }

    @Test
    void quotedValuesAndWindowsLineEndingsParse() throws IOException {
        Path file = write("q.csv", "\"x\",\"y\"\r\n\"1.5\",\"0\"\r\n\" 2e3\",1\r\n");
        DataBatch batch = read(CsvSource.of(file).labels("y"), 0).get(0);
        assertEquals(Nd4j.createFromArray(new float[][] {{1.5f}, {2000}}), batch.features());
    }

    @Test
    void csvSourceNamesFileLineAndColumnOfBadValue() throws IOException {
        Path file = write("bad.csv", "a,b,y\n1,2,0\n3,4,1\n5,abc,0\n");
        IllegalArgumentException e = failure(CsvSource.of(file).labels("y"));
        assertTrue(e.getMessage().startsWith(file + ", line 4, column 2 ('b'): 'abc' is not a number"),
                e.getMessage());
        assertTrue(e.getMessage().contains("features(...)"), e.getMessage());
    }

    @Test
    void anEmptyOrInfiniteValueIsReportedWhereItIs() throws IOException {
        Path empty = write("empty.csv", "a,y\n1,0\n,1\n");
        assertTrue(failure(CsvSource.of(empty).labels("y")).getMessage()
                .startsWith(empty + ", line 3, column 1 ('a'): the value is empty"));
        Path infinite = write("inf.csv", "a,y\n1,Infinity\n");
        assertTrue(failure(CsvSource.of(infinite).labels("y")).getMessage()
                .startsWith(infinite + ", line 2, column 2 ('y'): 'Infinity' is not a finite"));
    }

    @Test
    void aRaggedRowNamesItsFileAndLine() throws IOException {
        Path file = write("ragged.csv", "a,b,y\n1,2,0\n3,4\n");
        IllegalArgumentException e = failure(CsvSource.of(file).labels("y"));
        assertTrue(e.getMessage().startsWith(file + ", line 3: 2 values, but the header has 3 columns"),
                e.getMessage());
    }

    @Test
    void aMissingColumnNamesTheHeaderAndAnIndexPastTheEndSaysSo() throws IOException {
        Path file = write("m.csv", "a,b,y\n1,2,0\n");
        IllegalArgumentException named = failure(CsvSource.of(file).labels("label"));
        assertTrue(named.getMessage().contains("labels column 'label' is missing; the header has [a, b, y]"),
                named.getMessage());
        IllegalArgumentException indexed = failure(CsvSource.of(file).labels(2).features(0, 3));
        assertTrue(indexed.getMessage().contains("features column index 3 is past its 3 columns"),
                indexed.getMessage());
        IllegalStateException noLabels = assertThrows(IllegalStateException.class,
                () -> CsvSource.of(file).open(0));
        assertTrue(noLabels.getMessage().contains("labels(\"name\")"), noLabels.getMessage());
        IllegalStateException namesWithoutHeader = assertThrows(IllegalStateException.class,
                () -> CsvSource.of(file).header(false).labels("y").open(0));
        assertTrue(namesWithoutHeader.getMessage().contains("header(false)"), namesWithoutHeader.getMessage());
    }

    @Test
    void unbalancedQuotesAreReportedWithTheFile() throws IOException {
        Path file = write("quote.csv", "a,y\n1,0\n\"2,1\n");
        IllegalArgumentException e = failure(CsvSource.of(file).labels("y"));
        assertTrue(e.getMessage().startsWith(file + ", near line") && e.getMessage().contains("malformed CSV"),
                e.getMessage());
    }

    @Test
    void missingFilesAndEmptyGlobsAreClearErrors() throws IOException {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> CsvSource.of(dir.resolve("nope.csv")));
        assertTrue(missing.getMessage().contains("nope.csv is not a readable file"), missing.getMessage());
        NoSuchFileException none = assertThrows(NoSuchFileException.class, () -> CsvSource.glob(dir, "*.csv"));
        assertTrue(none.getMessage().contains("no file matches *.csv"), none.getMessage());
    }

    @Test
    void globReadsShardsInNameOrderAndShuffleFilesGivesEachEpochItsOwnOrder() throws IOException {
        for (int shard = 0; shard < 6; shard++) {
            write("part-" + shard + ".csv", "x,y\n" + shard + ",0\n");
        }
        write("other.txt", "x,y\n99,0\n");
        CsvSource csv = CsvSource.glob(dir, "part-*.csv").labels("y").batchSize(1);
        assertEquals(List.of(0f, 1f, 2f, 3f, 4f, 5f), firstValues(csv, 0));
        CsvSource shuffled = csv.shuffleFiles(7);
        List<Float> epoch0 = firstValues(shuffled, 0);
        assertEquals(epoch0, firstValues(shuffled, 0), "an epoch's order depends on the seed and the epoch only");
        assertNotEquals(epoch0, firstValues(shuffled, 1));
        assertEquals(Set.of(0f, 1f, 2f, 3f, 4f, 5f), new HashSet<>(epoch0));
    }

    private static List<Float> firstValues(BatchSource source, int epoch) {
        return read(source, epoch).stream().map(b -> ((INDArray) b.features()).getFloat(0, 0)).toList();
    }

    @Test
    void aModelTrainedOnCsvShardsMatchesTheSameRowsAsArraysAndLearns() throws IOException {
        Random random = new Random(4);
        int n = 600;
        float[][] x = new float[n][3];
        float[][] y = new float[n][1];
        StringBuilder[] shards = {new StringBuilder("f1,f2,f3,label\n"), new StringBuilder("f1,f2,f3,label\n")};
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = (float) random.nextGaussian();
            }
            y[i][0] = x[i][0] - x[i][2] > 0 ? 1 : 0;
            shards[i < n / 2 ? 0 : 1].append(String.format(Locale.ROOT, "%s,%s,%s,%s%n", x[i][0], x[i][1], x[i][2],
                    y[i][0]));
        }
        write("train-0.csv", shards[0].toString());
        write("train-1.csv", shards[1].toString());
        CsvSource csv = CsvSource.glob(dir, "train-*.csv").labels("label").batchSize(30);
        FitOptions options = FitOptions.epochs(5).batchSize(30).shuffle(false).verbose(0);
        Sequential fromFiles = model();
        Sequential fromArrays = model();
        fromFiles.fit(csv, options.validationData(csv));
        fromArrays.fit(Nd4j.createFromArray(x), Nd4j.createFromArray(y), options);
        assertEquals(fromArrays.getWeights(), fromFiles.getWeights());
        Map<String, Double> scores = fromFiles.evaluate(csv);
        assertTrue(scores.get("accuracy") > 0.9, scores.toString());
        INDArray predictions = fromFiles.predict(csv); // the labels are read and ignored
        assertArrayEquals(new long[] {n, 1}, predictions.shape());
        assertEquals(fromFiles.predict(Nd4j.createFromArray(x)), predictions);
    }

    private static Sequential model() {
        Sequential model = new Sequential().seed(11);
        model.add(new Dense(8, "relu", 3));
        model.add(new Dense(1, "sigmoid"));
        model.compile(new Adam(0.01), "binary_crossentropy", "accuracy");
        return model;
    }
}
