package dev.lamina.examples.reviews;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WordTableTest {

    @Test
    void idsAreDenseInOrderOfFirstAppearance() {
        WordTable words = new WordTable();
        assertEquals(0, words.add("film"));
        assertEquals(1, words.add("a"));
        assertEquals(0, words.add("film"));
        assertEquals(2, words.add("filmmaker".toCharArray(), 5)); // its first five characters
        assertEquals(3, words.size());
        assertEquals("filmm", words.word(2));
        assertEquals(1, words.find("a"));
        assertEquals(-1, words.find("fil"));
        assertEquals(-1, words.find(""));
    }

    @Test
    void countsStartAtZeroAndGoUpByOne() {
        WordTable words = new WordTable();
        int id = words.add("great");
        assertEquals(0, words.count(id));
        words.increment(id);
        words.increment(id);
        assertEquals(2, words.count(id));
    }

    @Test
    void holdsHundredsOfThousandsOfWordsOfAnyLength() {
        WordTable words = new WordTable();
        for (int i = 0; i < 300_000; i++) {
            assertEquals(i, words.add("w" + i + "x".repeat(i % 100)));
        }
        for (int i = 0; i < 300_000; i += 997) {
            assertEquals(i, words.find("w" + i + "x".repeat(i % 100)));
            assertEquals("w" + i + "x".repeat(i % 100), words.word(i));
        }
        assertEquals(300_000, words.size());
    }

    @Test
    void addAllMergesWordsAndSumsCountsAndMapsTheIds() {
        WordTable first = new WordTable();
        first.increment(first.add("good"));
        first.increment(first.add("bad"));
        WordTable second = new WordTable();
        second.add("ugly");
        second.increment(second.add("good"));
        int[] ids = first.addAll(second);
        assertArrayEquals(new int[] {2, 0}, ids);
        assertEquals(2, first.count(first.find("good")));
        assertEquals(1, first.count(first.find("bad")));
        assertEquals(0, first.count(first.find("ugly")));
        assertEquals(3, first.size());
    }
}
