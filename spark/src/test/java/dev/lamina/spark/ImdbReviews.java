package dev.lamina.spark;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The IMDB reviews of {@code ../shared/data/aclImdb_v1-labeled.tar.gz} (beside the repository), read as a stream,
 * tokenized (lower case, {@code <br />} removed, runs of letters, digits and apostrophes) and encoded as the sorted
 * distinct column indices of the 10,000 words most frequent in the training reviews (by occurrences, ties
 * alphabetical): multi-hot rows, as the movie-review example builds them. The training reviews are shuffled with
 * a fixed seed (the archive lists them by label), the test reviews kept in archive order.
 *
 * <pre>{@code
 * ImdbReviews imdb = ImdbReviews.read(ImdbReviews.archive(), 10_000);
 * SparseRows x = SparseRows.multiHot(imdb.width(), imdb.trainWords());
 * }</pre>
 */
record ImdbReviews(int width, int[][] trainWords, float[] trainLabels, int[][] testWords, float[] testLabels) {

    /** The archive, found from the module directory Maven runs the tests in. */
    static Path archive() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolveSibling("shared").resolve("data/aclImdb_v1-labeled.tar.gz");
            if (Files.exists(d.resolve("spark/pom.xml")) && Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No ../shared/data/aclImdb_v1-labeled.tar.gz beside the repository (looked up "
                + "from " + dir + "); the IMDB tests read the archive there.");
    }

    static ImdbReviews read(Path archive, int vocabulary) throws IOException {
        List<String[]> train = new ArrayList<>(); // {path, text}
        List<String[]> test = new ArrayList<>();
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(file, 1 << 16))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName();
                if (!entry.isFile() || !name.endsWith(".txt")
                        || !(name.contains("/pos/") || name.contains("/neg/"))) {
                    continue;
                }
                String text = new String(tar.readAllBytes(), StandardCharsets.UTF_8);
                (name.contains("/train/") ? train : test).add(new String[] {name, text});
            }
        }
        train.sort(Comparator.comparing(r -> r[0]));
        test.sort(Comparator.comparing(r -> r[0]));
        List<String[]> trainTokens = tokens(train);
        List<String[]> testTokens = tokens(test);
        Map<String, Integer> occurrences = new HashMap<>(); // occurrences in the training reviews, as the example
        for (String[] words : trainTokens) {
            for (String w : words) {
                occurrences.merge(w, 1, Integer::sum);
            }
        }
        List<String> ranked = new ArrayList<>(occurrences.keySet());
        ranked.sort(Comparator.comparing((String w) -> -occurrences.get(w)).thenComparing(w -> w));
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < Math.min(vocabulary, ranked.size()); i++) {
            index.put(ranked.get(i), i);
        }
        int[] order = new int[train.size()];
        Arrays.setAll(order, i -> i);
        Random random = new Random(42);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[][] trainWords = new int[train.size()][];
        float[] trainLabels = new float[train.size()];
        for (int i = 0; i < order.length; i++) {
            trainWords[i] = encode(trainTokens.get(order[i]), index);
            trainLabels[i] = train.get(order[i])[0].contains("/pos/") ? 1f : 0f;
        }
        int[][] testWords = new int[test.size()][];
        float[] testLabels = new float[test.size()];
        for (int i = 0; i < test.size(); i++) {
            testWords[i] = encode(testTokens.get(i), index);
            testLabels[i] = test.get(i)[0].contains("/pos/") ? 1f : 0f;
        }
        return new ImdbReviews(vocabulary, trainWords, trainLabels, testWords, testLabels);
    }

    /** Each review's words, in order. */
    private static List<String[]> tokens(List<String[]> reviews) {
        List<String[]> out = new ArrayList<>(reviews.size());
        for (String[] review : reviews) {
            String text = review[1].replace("<br />", " ").replace("<br/>", " ").replace("<br>", " ")
                    .toLowerCase(Locale.ROOT);
            out.add(Arrays.stream(text.split("[^\\p{L}\\p{N}']+")).filter(w -> !w.isEmpty())
                    .toArray(String[]::new));
        }
        return out;
    }

    private static int[] encode(String[] words, Map<String, Integer> index) {
        return Arrays.stream(words).map(index::get).filter(i -> i != null).mapToInt(Integer::intValue).distinct()
                .sorted().toArray();
    }
}
