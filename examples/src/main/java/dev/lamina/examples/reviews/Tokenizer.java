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
        String clean = text.replace("<br />", " ").replace("<br/>", " ").replace("<br>", " ")
                .toLowerCase(Locale.ROOT);
        List<String> tokens = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= clean.length(); i++) {
            boolean word = i < clean.length() && isWordChar(clean.charAt(i));
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                tokens.add(clean.substring(start, i));
                start = -1;
            }
        }
        return tokens;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '\'';
    }
}
