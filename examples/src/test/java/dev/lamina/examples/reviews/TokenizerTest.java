package dev.lamina.examples.reviews;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    @Test
    void lowercasesRemovesLineBreaksAndKeepsApostrophes() {
        assertEquals(List.of("a", "wonderful", "film", "don't", "miss", "it", "10"),
                Tokenizer.tokenize("A <br />Wonderful film!<br /><br />Don't miss it: 10/"));
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
