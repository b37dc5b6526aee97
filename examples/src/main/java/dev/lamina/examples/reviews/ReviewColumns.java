package dev.lamina.examples.reviews;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A review's text to the sorted distinct vocabulary columns of its words, as {@link Vocabulary#columns} computes
 * them, in a form Spark can ship to its executors (the vocabulary's words; the index is rebuilt once per copy).
 *
 * <pre>{@code
 * ReviewColumns columns = new ReviewColumns(vocabulary.words());
 * int[] ids = columns.of("A wonderful, moving film.");
 * }</pre>
 */
final class ReviewColumns implements Serializable {

    private static final long serialVersionUID = 1L;

    private final ArrayList<String> words;
    private transient Map<String, Integer> index;

    ReviewColumns(List<String> words) {
        this.words = new ArrayList<>(words);
    }

    int width() {
        return words.size();
    }

    int[] of(String text) {
        if (index == null) {
            Map<String, Integer> built = new HashMap<>(words.size() * 2);
            for (int i = 0; i < words.size(); i++) {
                built.put(words.get(i), i);
            }
            index = built;
        }
        return Tokenizer.tokenize(text).stream().map(index::get).filter(c -> c != null).mapToInt(Integer::intValue)
                .sorted().distinct().toArray();
    }

    /** The columns of each text. */
    int[][] of(List<String> texts) {
        int[][] out = new int[texts.size()][];
        Arrays.setAll(out, i -> of(texts.get(i)));
        return out;
    }
}
