package dev.lamina.examples.reviews;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a review into words: lower case, HTML line breaks ({@code <br />}) removed, tokens are maximal runs of
 * letters, digits and apostrophes.
 *
 * <pre>{@code
 * Tokenizer.tokenize("A <br />wonderful, moving film.")   // [a, wonderful, moving, film]
 * }</pre>
 */
public final class Tokenizer {

    private Tokenizer() {
    }

    public static List<String> tokenize(String text) {
        return tokenize(text, null);
    }

    /**
     * As {@link #tokenize(String)}, returning the canonical instance of each word from {@code canonical} (shared
     * between calls), so that a corpus of millions of tokens holds each distinct word once.
     */
    public static List<String> tokenize(String text, java.util.concurrent.ConcurrentMap<String, String> canonical) {
        String clean = text.replace("<br />", " ").replace("<br/>", " ").replace("<br>", " ")
                .toLowerCase(Locale.ROOT);
        List<String> tokens = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= clean.length(); i++) {
            boolean word = i < clean.length() && isWordChar(clean.charAt(i));
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                String token = clean.substring(start, i);
                if (canonical != null) {
                    String known = canonical.putIfAbsent(token, token);
                    token = known == null ? token : known;
                }
                tokens.add(token);
                start = -1;
            }
        }
        return tokens;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '\'';
    }
}
