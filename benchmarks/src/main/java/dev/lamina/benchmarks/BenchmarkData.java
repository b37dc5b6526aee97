package dev.lamina.benchmarks;

import dev.lamina.examples.reviews.DataLocator;
import dev.lamina.examples.reviews.ImdbDataset;
import dev.lamina.examples.reviews.Review;
import dev.lamina.examples.reviews.Tokenizer;
import dev.lamina.examples.reviews.Vocabulary;
import dev.lamina.layers.SparseRows;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The benchmark's data: the real IMDB reviews as 10,000-word multi-hot vectors (sparse, and dense for the dense
 * paths and DL4J), or synthetic data of the same shape and sparsity when the dataset is absent.
 *
 * <pre>{@code
 * BenchmarkData data = BenchmarkData.load(Optional.empty(), projectRoot);
 * }</pre>
 */
record BenchmarkData(String description, SparseRows xTrain, INDArray yTrain, SparseRows xTest, INDArray yTest) {

    static final int WORDS = 10_000;

    static BenchmarkData load(Path explicit, Path projectRoot, boolean synthetic) throws IOException {
        if (!synthetic) {
            Path source = explicit != null ? explicit
                    : new DataLocator(projectRoot, DataLocator.defaultCache(), System.out).findLocal().orElse(null);
            if (source == null) {
                System.out.println("IMDB data not found; using synthetic data of the same shape and sparsity.");
            }
            if (source != null) {
                return real(source);
            }
        }
        return synthetic(25_000, 130, 42);
    }

    static BenchmarkData real(Path source) throws IOException {
        ImdbDataset dataset = ImdbDataset.read(source);
        List<List<String>> train = dataset.train().parallelStream().map(r -> Tokenizer.tokenize(r.text())).toList();
        List<List<String>> test = dataset.test().parallelStream().map(r -> Tokenizer.tokenize(r.text())).toList();
        Vocabulary vocabulary = Vocabulary.build(train, WORDS);
        return new BenchmarkData("IMDB reviews from " + source, vocabulary.multiHot(train),
                labels(dataset.train()), vocabulary.multiHot(test), labels(dataset.test()));
    }

    private static INDArray labels(List<Review> reviews) {
        float[][] y = new float[reviews.size()][1];
        for (int i = 0; i < y.length; i++) {
            y[i][0] = reviews.get(i).positive() ? 1 : 0;
        }
        return Nd4j.createFromArray(y);
    }

    /** Multi-hot rows with Zipf-like word frequencies; the label is a noisy linear rule, so accuracy means something. */
    static BenchmarkData synthetic(int rows, int wordsPerRow, long seed) {
        Random random = new Random(seed);
        double[] weight = new double[WORDS];
        for (int w = 0; w < WORDS; w++) {
            weight[w] = random.nextGaussian();
        }
        SparseRows[] x = new SparseRows[2];
        INDArray[] y = new INDArray[2];
        for (int part = 0; part < 2; part++) {
            int[][] indices = new int[rows][];
            float[][] labels = new float[rows][1];
            for (int r = 0; r < rows; r++) {
                java.util.TreeSet<Integer> words = new java.util.TreeSet<>();
                while (words.size() < wordsPerRow) {
                    words.add((int) Math.min(WORDS - 1, Math.floor(Math.exp(random.nextDouble() * Math.log(WORDS)))));
                    if (words.size() < wordsPerRow / 2) {
                        words.add(random.nextInt(WORDS));
                    }
                }
                indices[r] = words.stream().mapToInt(Integer::intValue).toArray();
                double score = 0;
                for (int w : indices[r]) {
                    score += weight[w];
                }
                labels[r][0] = score + random.nextGaussian() * 3 > 0 ? 1 : 0;
            }
            x[part] = SparseRows.multiHot(WORDS, indices);
            y[part] = Nd4j.createFromArray(labels);
        }
        return new BenchmarkData("synthetic multi-hot data, " + rows + " x " + WORDS + ", " + wordsPerRow
                + " words per row", x[0], y[0], x[1], y[1]);
    }
}
