package dev.lamina.examples.reviews;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Splits a review into words: lower case, HTML line breaks ({@code <br />}) removed, tokens are maximal runs of
 * letters, digits and apostrophes. {@link #forEachToken} hands each token over in a reused buffer, so that counting
 * millions of tokens allocates no string per token; pure-ASCII UTF-8 input is split in one pass over its bytes.
 *
 * <pre>{@code
 * Tokenizer.tokenize("A <br />wonderful, moving film.")   // [a, wonderful, moving, film]
 * }</pre>
 */
public final class Tokenizer {

    /** Receives one token: the first {@code length} characters of {@code token}, valid only during the call. */
    @FunctionalInterface
    public interface TokenSink {
        void accept(char[] token, int length);
    }

    /** For each ASCII byte, its lower-case form if it belongs to a word, or 0 if it separates words. */
    private static final char[] ASCII_WORD_CHARS = new char[128];
    private static final byte[][] LINE_BREAKS = {bytes("<br />"), bytes("<br/>"), bytes("<br>")};

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_WORD_CHARS[c] = isWordChar(Character.toLowerCase(c)) ? Character.toLowerCase(c) : 0;
        }
    }

    private Tokenizer() {
    }

    public static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        forEachToken(text, (token, length) -> tokens.add(new String(token, 0, length)));
        return tokens;
    }

    /** Calls {@code sink} for each token of the UTF-8 text {@code utf8} (malformed bytes decode as U+FFFD). */
    public static void forEachToken(byte[] utf8, TokenSink sink) {
        if (isAscii(utf8)) {
            forEachAsciiToken(utf8, sink);
        } else {
            forEachToken(new String(utf8, StandardCharsets.UTF_8), sink);
        }
    }

    /** The general case: String's line-break replacement and (context-sensitive) lower-casing, then the split. */
    private static void forEachToken(String text, TokenSink sink) {
        String normalized = text.replace("<br />", " ").replace("<br/>", " ").replace("<br>", " ")
                .toLowerCase(Locale.ROOT);
        char[] token = new char[64];
        int start = -1;
        for (int i = 0; i <= normalized.length(); i++) {
            boolean word = i < normalized.length() && isWordChar(normalized.charAt(i));
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                if (token.length < i - start) {
                    token = new char[Math.max(i - start, 2 * token.length)];
                }
                normalized.getChars(start, i, token, 0);
                sink.accept(token, i - start);
                start = -1;
            }
        }
    }

    /**
     * The same split for ASCII text in one pass: the line breaks are matched before lower-casing, as above, and none
     * overlaps another, so skipping each one where it starts removes exactly what the replacements remove.
     */
    private static void forEachAsciiToken(byte[] text, TokenSink sink) {
        char[] token = new char[64];
        int length = 0;
        for (int i = 0; i < text.length; i++) {
            char c = ASCII_WORD_CHARS[text[i]];
            if (c != 0) {
                if (length == token.length) {
                    token = Arrays.copyOf(token, 2 * length);
                }
                token[length++] = c;
                continue;
            }
            if (length > 0) {
                sink.accept(token, length);
                length = 0;
            }
            if (text[i] == '<') {
                i = endOfLineBreak(text, i);
            }
        }
        if (length > 0) {
            sink.accept(token, length);
        }
    }

    /** The index of the last byte of the line break that starts at {@code i}, or {@code i} if none does. */
    private static int endOfLineBreak(byte[] text, int i) {
        for (byte[] lineBreak : LINE_BREAKS) {
            if (Arrays.equals(text, i, Math.min(text.length, i + lineBreak.length), lineBreak, 0, lineBreak.length)) {
                return i + lineBreak.length - 1;
            }
        }
        return i;
    }

    private static boolean isAscii(byte[] utf8) {
        for (byte b : utf8) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '\'';
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }
}
