package dev.lamina.examples.reviews;

import dev.lamina.layers.SparseRows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The N most frequent words of the training reviews (ties broken alphabetically), each mapped to a column of the
 * multi-hot vectors. Saved as a text file, one word per line, beside the model.
 *
 * <pre>{@code
 * Vocabulary vocabulary = Vocabulary.build(trainingTokens, 10_000);     // from lists of tokens
 * SparseRows x = vocabulary.multiHot(tokens);
 * Vocabulary fromIds = Vocabulary.mostFrequent(corpus.words(), 10_000);  // from a ReviewCorpus's word counts
 * SparseRows xTrain = fromIds.multiHot(corpus.words(), corpus.train());
 * }</pre>
 */
public final class Vocabulary {

    private static final String HEADER = "# lamina movie-review vocabulary v1";
    private final List<String> words;
    private final Map<String, Integer> index;

    private Vocabulary(List<String> words) {
        this.words = List.copyOf(words);
        this.index = new HashMap<>(words.size() * 2);
        for (int i = 0; i < words.size(); i++) {
            index.put(words.get(i), i);
        }
    }

    /** The {@code size} most frequent words of {@code documents}; equal counts are ordered alphabetically. */
    public static Vocabulary build(List<List<String>> documents, int size) {
        WordTable counts = new WordTable();
        for (List<String> document : documents) {
            for (String word : document) {
                counts.increment(counts.add(word));
            }
        }
        return mostFrequent(counts, size);
    }

    /** The {@code size} words of {@code words} with the highest counts (none with count 0); ties alphabetically. */
    public static Vocabulary mostFrequent(WordTable words, int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("vocabulary size must be > 0. Received: " + size);
        }
        String[] text = new String[words.size()];
        List<Integer> counted = new ArrayList<>();
        for (int id = 0; id < words.size(); id++) {
            if (words.count(id) > 0) {
                text[id] = words.word(id);
                counted.add(id);
            }
        }
        counted.sort((a, b) -> words.count(a) != words.count(b) ? Integer.compare(words.count(b), words.count(a))
                : text[a].compareTo(text[b]));
        return new Vocabulary(counted.subList(0, Math.min(size, counted.size())).stream().map(id -> text[id])
                .toList());
    }

    public int size() {
        return words.size();
    }

    /** The words, in column order (most frequent first). */
    public List<String> words() {
        return words;
    }

    /** The column of {@code word}, or -1 if it is not in the vocabulary. */
    public int indexOf(String word) {
        return index.getOrDefault(word, -1);
    }

    /** The distinct known columns of a tokenized review, sorted. */
    public int[] columns(List<String> tokens) {
        int[] columns = new int[tokens.size()];
        int count = 0;
        for (String token : tokens) {
            int column = indexOf(token);
            if (column >= 0) {
                columns[count++] = column;
            }
        }
        return sortedDistinct(columns, count);
    }

    /** Multi-hot rows, one per tokenized review (computed in parallel). */
    public SparseRows multiHot(List<List<String>> documents) {
        int[][] columns = new int[documents.size()][];
        IntStream.range(0, documents.size()).parallel().forEach(i -> columns[i] = columns(documents.get(i)));
        return SparseRows.multiHot(size(), columns);
    }

    /** Multi-hot rows, one per review, whose word ids refer to {@code table} (computed in parallel). */
    public SparseRows multiHot(WordTable table, List<TokenizedReview> reviews) {
        int[] columnOfWord = new int[table.size()];
        Arrays.fill(columnOfWord, -1);
        for (int column = 0; column < size(); column++) {
            int id = table.find(words.get(column));
            if (id >= 0) {
                columnOfWord[id] = column;
            }
        }
        int[][] columns = new int[reviews.size()][];
        IntStream.range(0, reviews.size()).parallel().forEach(i -> {
            int[] ids = reviews.get(i).words();
            int[] known = new int[ids.length];
            int count = 0;
            for (int id : ids) {
                if (columnOfWord[id] >= 0) {
                    known[count++] = columnOfWord[id];
                }
            }
            columns[i] = sortedDistinct(known, count);
        });
        return SparseRows.multiHot(size(), columns);
    }

    /** The first {@code count} entries of {@code columns}, sorted, without repeats. */
    private static int[] sortedDistinct(int[] columns, int count) {
        Arrays.sort(columns, 0, count);
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            if (distinct == 0 || columns[distinct - 1] != columns[i]) {
                columns[distinct++] = columns[i];
            }
        }
        return Arrays.copyOf(columns, distinct);
    }

    public void save(Path path) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        lines.addAll(words);
        Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
        Files.write(temporary, lines, StandardCharsets.UTF_8);
        Files.move(temporary, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public static Vocabulary load(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toString(), null, "the vocabulary file is missing");
        }
        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IOException(path + " is not a Lamina vocabulary file (its first line should be '" + HEADER
                    + "')");
        }
        List<String> words = lines.subList(1, lines.size());
        if (words.isEmpty() || words.stream().anyMatch(String::isBlank) || words.stream().distinct().count()
                != words.size()) {
            throw new IOException(path + " is corrupt: it needs distinct, non-blank words, one per line");
        }
        return new Vocabulary(words);
    }
}
