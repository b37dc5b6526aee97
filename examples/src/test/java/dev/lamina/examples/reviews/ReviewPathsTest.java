package dev.lamina.examples.reviews;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReviewPathsTest {

    @Test
    void onlyLabelledReviewFilesAreReviews() {
        assertEquals("train/pos/12_9.txt", ReviewPaths.relative("aclImdb/train/pos/12_9.txt"));
        assertEquals("test/neg/3_1.txt", ReviewPaths.relative("somewhere/aclImdb/test/neg/3_1.txt"));
        assertNull(ReviewPaths.relative("aclImdb/train/unsup/12_0.txt"));
        assertNull(ReviewPaths.relative("aclImdb/README"));
        assertNull(ReviewPaths.relative("aclImdb/train/pos/12_9.feat"));
        assertNull(ReviewPaths.relative("train/pos/12_9.txt"));
        assertTrue(ReviewPaths.isTrain("train/neg/1_1.txt"));
        assertFalse(ReviewPaths.isTrain("test/pos/1_8.txt"));
        assertTrue(ReviewPaths.isPositive("test/pos/1_8.txt"));
        assertFalse(ReviewPaths.isPositive("test/neg/1_2.txt"));
    }

    @Test
    void orderPutsPositiveReviewsFirstThenSortsByNumericId() {
        List<String> paths = List.of("train/neg/2_1.txt", "train/pos/10_9.txt", "train/neg/10_2.txt",
                "train/pos/9_8.txt", "train/pos/odd.txt", "train/pos/9_10.txt");
        assertEquals(List.of("train/pos/9_10.txt", "train/pos/9_8.txt", "train/pos/10_9.txt", "train/pos/odd.txt",
                "train/neg/2_1.txt", "train/neg/10_2.txt"), ReviewPaths.sort(paths, path -> path));
    }
}
