package dev.lamina.benchmarks;

import dev.lamina.examples.reviews.DataLocator;
import dev.lamina.examples.reviews.ImdbDataset;
import dev.lamina.examples.reviews.Review;
import dev.lamina.examples.reviews.Tokenizer;
import dev.lamina.examples.reviews.Vocabulary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The benchmark's data: the real IMDB reviews as 10,000-word multi-hot rows, or synthetic data of the same shape and
 * sparsity when the dataset is absent or {@code --synthetic} is given.
 *
 * <pre>{@code
 * BenchmarkData data = BenchmarkData.load(null, projectRoot, false, 25_000).sample(2000);
 * }</pre>
 */
record BenchmarkData(String description, Reviews train, Reviews test) {

    static final int WORDS = 10_000;
    static final int IMDB_ROWS = 25_000;

    static BenchmarkData load(Path explicit, Path projectRoot, boolean synthetic, int syntheticRows)
            throws IOException {
        if (!synthetic) {
            Path source = explicit != null ? explicit
                    : new DataLocator(projectRoot, DataLocator.defaultCache(), System.out).findLocal().orElse(null);
            if (source != null) {
                return real(source);
            }
            System.out.println("IMDB data not found; using synthetic data of the same shape and sparsity.");
        }
        return synthetic(syntheticRows, 130, 42);
    }

    static BenchmarkData real(Path source) throws IOException {
        ImdbDataset dataset = ImdbDataset.read(source);
        List<List<String>> train = dataset.train().parallelStream().map(r -> Tokenizer.tokenize(r.text())).toList();
        List<List<String>> test = dataset.test().parallelStream().map(r -> Tokenizer.tokenize(r.text())).toList();
        Vocabulary vocabulary = Vocabulary.build(train, WORDS);
        return new BenchmarkData("IMDB reviews from " + source,
                Reviews.of(columns(vocabulary, train), labels(dataset.train())),
                Reviews.of(columns(vocabulary, test), labels(dataset.test())));
    }

    /** {@code rows} evenly spaced reviews of each half ({@link Reviews#sample}); all of them when 0 or too many. */
    BenchmarkData sample(int rows) {
        if (rows <= 0 || rows >= Math.max(train.size(), test.size())) {
            return this;
        }
        return new BenchmarkData(description + ", " + rows + " evenly spaced rows of each half",
                train.sample(Math.min(rows, train.size())), test.sample(Math.min(rows, test.size())));
    }

    private static int[][] columns(Vocabulary vocabulary, List<List<String>> documents) {
        return documents.parallelStream().map(vocabulary::columns).toArray(int[][]::new);
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
        Reviews[] halves = new Reviews[2];
        for (int half = 0; half < 2; half++) {
            int[][] indices = new int[rows][];
            float[][] labels = new float[rows][1];
            for (int r = 0; r < rows; r++) {
                TreeSet<Integer> words = new TreeSet<>();
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
            halves[half] = Reviews.of(indices, Nd4j.createFromArray(labels));
        }
        return new BenchmarkData("synthetic multi-hot data, " + rows + " x " + WORDS + ", " + wordsPerRow
                + " words per row", halves[0], halves[1]);
    }
}
