package dev.lamina.examples.reviews;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A small dataset in the official aclImdb layout, written by the tests themselves: positive reviews use warm words,
 * negative ones harsh words, both mixed with neutral filler and HTML line breaks.
 */
final class ReviewFixture {

    static final String[] POSITIVE = {"wonderful", "great", "moving", "brilliant", "superb", "loved", "beautiful"};
    static final String[] NEGATIVE = {"awful", "boring", "dull", "terrible", "waste", "predictable", "worst"};
    static final String[] NEUTRAL = {"the", "film", "movie", "plot", "actor", "scene", "story", "it", "was", "and"};

    private ReviewFixture() {
    }

    static String review(boolean positive, Random random) {
        StringBuilder text = new StringBuilder();
        String[] tone = positive ? POSITIVE : NEGATIVE;
        for (int i = 0; i < 12; i++) {
            text.append(random.nextInt(3) == 0 ? tone[random.nextInt(tone.length)]
                    : NEUTRAL[random.nextInt(NEUTRAL.length)]);
            text.append(i == 5 ? ".<br /><br />" : " ");
        }
        return text.toString().trim();
    }

    /** Writes {@code perClass} reviews per split and label under {@code root/aclImdb}; returns {@code root/aclImdb}. */
    static Path directory(Path root, int perClass) throws IOException {
        Random random = new Random(5);
        Path aclImdb = root.resolve("aclImdb");
        for (String split : new String[] {"train", "test"}) {
            for (String label : new String[] {"pos", "neg"}) {
                Path folder = Files.createDirectories(aclImdb.resolve(split).resolve(label));
                for (int i = 0; i < perClass; i++) {
                    int rating = label.equals("pos") ? 7 + i % 4 : 1 + i % 4;
                    Files.writeString(folder.resolve(i + "_" + rating + ".txt"), review(label.equals("pos"), random));
                }
            }
        }
        Files.writeString(aclImdb.resolve("README"), "Fixture written by Lamina's tests.\n");
        Files.writeString(aclImdb.resolve("imdb.vocab"), String.join("\n", POSITIVE) + "\n");
        return aclImdb;
    }

    /** The same reviews as a {@code .tar.gz} archive. */
    static Path archive(Path root, int perClass) throws IOException {
        Path source = directory(root.resolve("unpacked"), perClass);
        Path archive = root.resolve("aclImdb_fixture.tar.gz");
        try (OutputStream file = Files.newOutputStream(archive);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(file))) {
            try (var paths = Files.walk(source)) {
                for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
                    byte[] bytes = Files.readAllBytes(path);
                    TarArchiveEntry entry = new TarArchiveEntry("aclImdb/" + source.relativize(path));
                    entry.setSize(bytes.length);
                    tar.putArchiveEntry(entry);
                    tar.write(bytes);
                    tar.closeArchiveEntry();
                }
            }
        }
        return archive;
    }

    static Path write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
