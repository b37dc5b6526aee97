package dev.lamina.examples.reviews;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    /** The tokenizer as it was before the byte-level fast path, kept as the reference. */
    static List<String> tokenizeLikeBefore(String text) {
        String clean = text.replace("<br />", " ").replace("<br/>", " ").replace("<br>", " ").toLowerCase(Locale.ROOT);
        List<String> tokens = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= clean.length(); i++) {
            char c = i < clean.length() ? clean.charAt(i) : ' ';
            boolean word = Character.isLetterOrDigit(c) || c == '\'';
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                tokens.add(clean.substring(start, i));
                start = -1;
            }
        }
        return tokens;
    }

    static List<String> tokenizeBytes(byte[] utf8) {
        List<String> tokens = new ArrayList<>();
        Tokenizer.forEachToken(utf8, (token, length) -> tokens.add(new String(token, 0, length)));
        return tokens;
    }

    @Test
    void lowercasesRemovesLineBreaksAndKeepsApostrophes() {
        String review = "A <br />Wonderful film!<br /><br />Don't miss it: 10/";
        List<String> expected = List.of("a", "wonderful", "film", "don't", "miss", "it", "10");
        assertEquals(expected, Tokenizer.tokenize(review));
        assertEquals(expected, tokenizeBytes(review.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void lineBreaksAreRemovedAsTheThreeReplacementsDid() {
        for (String text : List.of("a<br/>b<br>c<br />d", "<BR />upper case stays", "<br<br />/>", "<br /", "x<br",
                "<b>bold</b><br >", "<<br>>", "end<br />")) {
            assertEquals(tokenizeLikeBefore(text), Tokenizer.tokenize(text), text);
            assertEquals(tokenizeLikeBefore(text), tokenizeBytes(text.getBytes(StandardCharsets.UTF_8)), text);
        }
        assertEquals(List.of("br"), Tokenizer.tokenize("<br<br />/>"));
    }

    @Test
    void nonAsciiTextIsLowerCasedInContextAsStringDoes() {
        // final sigma, a dotted capital I that lower-cases to two chars, accents, a non-letter symbol and an emoji
        String text = "ΟΔΟΣ ΣΑΣ İstanbul Café naïve — 😀 Ⅻ ٣ 'quoted'";
        assertEquals(tokenizeLikeBefore(text), tokenizeBytes(text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("οδος", "σας"), Tokenizer.tokenize("ΟΔΟΣ ΣΑΣ"));
    }

    @Test
    void malformedUtf8IsReadAsReplacementCharacters() {
        byte[] bytes = {'a', 'b', (byte) 0xC3, ' ', (byte) 0xFF, 'c', 'd', (byte) 0xE2, (byte) 0x82};
        assertEquals(tokenizeLikeBefore(new String(bytes, StandardCharsets.UTF_8)), tokenizeBytes(bytes));
    }

    @Test
    void tokenizerSplitsOnPunctuationLikeBefore() {
        String[] pieces = {"a", "Z", "9", "'", " ", ".", ",", "!", "-", "<", ">", "/", "<br />", "<br/>", "<br>",
            "<BR>", "\n", "\t", "é", "É", "ß", "İ", "Σ", "ς", "ﬁ", "\u00a0", "\u0301", "😀", "\uFFFD", "word", "Don't"};
        Random random = new Random(7);
        for (int sample = 0; sample < 3000; sample++) {
            StringBuilder text = new StringBuilder();
            boolean ascii = sample % 2 == 0;
            for (int i = random.nextInt(40); i > 0; i--) {
                String piece = pieces[random.nextInt(pieces.length)];
                text.append(ascii && piece.chars().anyMatch(c -> c > 127) ? "x" : piece);
            }
            String review = text.toString();
            List<String> expected = tokenizeLikeBefore(review);
            assertEquals(expected, Tokenizer.tokenize(review), review);
            assertEquals(expected, tokenizeBytes(review.getBytes(StandardCharsets.UTF_8)), review);
        }
    }

    @Test
    void tokensLongerThanTheBufferArriveWhole() {
        String longWord = "w".repeat(1000);
        assertEquals(List.of(longWord, "x"), tokenizeBytes((longWord.toUpperCase() + " x").getBytes()));
        assertEquals(List.of(longWord + "é"), Tokenizer.tokenize(longWord + "É"));
    }

    @Test
    void vocabularyKeepsTheMostFrequentWordsAndBreaksTiesAlphabetically() {
        Vocabulary vocabulary = Vocabulary.build(List.of(List.of("b", "a", "c", "c"), List.of("a", "d", "b")), 3);
        assertEquals(0, vocabulary.indexOf("a"));
        assertEquals(1, vocabulary.indexOf("b"));
        assertEquals(2, vocabulary.indexOf("c"));
        assertEquals(-1, vocabulary.indexOf("d"));
        assertArrayEquals(new int[] {0, 2}, vocabulary.columns(List.of("c", "a", "c", "zzz")));
    }
}
