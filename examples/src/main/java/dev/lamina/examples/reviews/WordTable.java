package dev.lamina.examples.reviews;

import java.util.Arrays;

/**
 * Distinct words, each with a dense id (0, 1, 2, ... in order of first appearance) and a count, kept in primitive
 * arrays: an open-addressing hash table over one shared character pool, so adding a word that is already known
 * allocates nothing. Not thread-safe: give each thread its own table and {@link #addAll merge} them.
 *
 * <pre>{@code
 * WordTable words = new WordTable();
 * int id = words.add("wonderful");
 * words.increment(id);
 * words.find("wonderful");   // id
 * words.word(id);            // "wonderful"
 * }</pre>
 */
public final class WordTable {

    private char[] pool = new char[1 << 16];
    private int poolSize;
    private int[] starts = new int[1 << 12];
    private int[] hashes = new int[1 << 12];
    private int[] counts = new int[1 << 12];
    private int size;
    /** Slot -> id + 1, or 0 for an empty slot; a power of two at most half full. */
    private int[] slots = new int[1 << 13];
    private char[] scratch = new char[64];

    /** The number of distinct words. */
    public int size() {
        return size;
    }

    /** The id of the word in the first {@code length} characters of {@code chars}, adding it if unknown. */
    public int add(char[] chars, int length) {
        return add(chars, 0, length);
    }

    /** The id of {@code word}, adding it if unknown. */
    public int add(String word) {
        return add(charsOf(word), 0, word.length());
    }

    /** The id of {@code word}, or -1 if it is not in the table. */
    public int find(String word) {
        char[] chars = charsOf(word);
        return slots[slot(chars, 0, word.length(), hash(chars, 0, word.length()))] - 1;
    }

    /** Adds one to the count of word {@code id}. */
    public void increment(int id) {
        counts[id]++;
    }

    public int count(int id) {
        return counts[id];
    }

    /** The word with this id, as a new string. */
    public String word(int id) {
        return new String(pool, starts[id], length(id));
    }

    /**
     * Adds the words of {@code other} with their counts; returns, for each id of {@code other}, the id of the same word
     * here.
     */
    public int[] addAll(WordTable other) {
        int[] ids = new int[other.size];
        for (int id = 0; id < other.size; id++) {
            ids[id] = add(other.pool, other.starts[id], other.length(id));
            counts[ids[id]] += other.counts[id];
        }
        return ids;
    }

    private int add(char[] chars, int from, int length) {
        int hash = hash(chars, from, length);
        int slot = slot(chars, from, length, hash);
        if (slots[slot] != 0) {
            return slots[slot] - 1;
        }
        int id = append(chars, from, length, hash);
        slots[slot] = id + 1;
        if (2 * size > slots.length) {
            rehash(2 * slots.length);
        }
        return id;
    }

    /** The slot holding the word, or the empty slot where it belongs. */
    private int slot(char[] chars, int from, int length, int hash) {
        int mask = slots.length - 1;
        int slot = hash & mask;
        while (slots[slot] != 0 && !matches(slots[slot] - 1, hash, chars, from, length)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private int append(char[] chars, int from, int length, int hash) {
        if (size + 1 >= starts.length) {
            starts = Arrays.copyOf(starts, 2 * starts.length);
            hashes = Arrays.copyOf(hashes, 2 * hashes.length);
            counts = Arrays.copyOf(counts, 2 * counts.length);
        }
        if (poolSize + length > pool.length) {
            pool = Arrays.copyOf(pool, Math.max(poolSize + length, 2 * pool.length));
        }
        System.arraycopy(chars, from, pool, poolSize, length);
        int id = size++;
        starts[id] = poolSize;
        hashes[id] = hash;
        poolSize += length;
        starts[size] = poolSize;
        return id;
    }

    /** The characters of {@code word} at the start of a reused buffer. */
    private char[] charsOf(String word) {
        if (scratch.length < word.length()) {
            scratch = new char[Math.max(word.length(), 2 * scratch.length)];
        }
        word.getChars(0, word.length(), scratch, 0);
        return scratch;
    }

    private int length(int id) {
        return starts[id + 1] - starts[id];
    }

    private boolean matches(int id, int hash, char[] chars, int from, int length) {
        if (hashes[id] != hash || length(id) != length) {
            return false;
        }
        for (int i = 0, start = starts[id]; i < length; i++) {
            if (pool[start + i] != chars[from + i]) {
                return false;
            }
        }
        return true;
    }

    private void rehash(int capacity) {
        slots = new int[capacity];
        int mask = capacity - 1;
        for (int id = 0; id < size; id++) {
            int slot = hashes[id] & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = id + 1;
        }
    }

    /** String's polynomial hash, its bits mixed so that the low ones, which pick the slot, depend on all. */
    private static int hash(char[] chars, int from, int length) {
        int h = 0;
        for (int i = from; i < from + length; i++) {
            h = 31 * h + chars[i];
        }
        h = (h ^ (h >>> 16)) * 0x45d9f3b;
        return h ^ (h >>> 16);
    }
}
