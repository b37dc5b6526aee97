package dev.lamina.examples.reviews;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The review files of one folder of the IMDB data ({@code train/pos}, ...), pulled one at a time: from the
 * {@code .tar.gz} as a stream (entries of other folders are passed over) or from an unpacked {@code aclImdb}
 * directory. Holds one open archive stream and one review; {@link ReviewFiles} pushes every folder instead.
 *
 * <pre>{@code
 * try (ReviewEntries positives = new ReviewEntries(Path.of("aclImdb_v1.tar.gz"), "train/pos/")) {
 *     for (ReviewEntries.Entry e = positives.next(); e != null; e = positives.next()) { ... }
 * }
 * }</pre>
 */
final class ReviewEntries implements AutoCloseable {

    /** One review file: its relative path ({@code train/pos/12_9.txt}) and UTF-8 bytes. */
    record Entry(String relative, byte[] utf8) {
    }

    private final Path source;
    private final String folder;
    private final TarArchiveInputStream tar;
    private final Iterator<Path> files;
    private final Stream<Path> listing;

    /** The reviews whose relative path starts with {@code folder} ({@code "train/neg/"}). */
    ReviewEntries(Path source, String folder) throws IOException {
        this.source = source;
        this.folder = folder;
        if (Files.isDirectory(source)) {
            Path root = Files.isDirectory(source.resolve("aclImdb")) ? source.resolve("aclImdb") : source;
            Path directory = root.resolve(folder);
            if (!Files.isDirectory(directory)) {
                throw new IOException(directory + " is missing: " + source + " is not an aclImdb directory");
            }
            listing = Files.list(directory);
            files = listing.filter(f -> f.toString().endsWith(".txt")).sorted().toList().iterator();
            tar = null;
        } else {
            InputStream file = new BufferedInputStream(Files.newInputStream(source), 1 << 16);
            tar = new TarArchiveInputStream(new GZIPInputStream(file, 1 << 16));
            files = null;
            listing = null;
        }
    }

    /** The next review of the folder, or null after the last. */
    Entry next() {
        try {
            if (files != null) {
                if (!files.hasNext()) {
                    return null;
                }
                Path file = files.next();
                return new Entry(folder + file.getFileName(), Files.readAllBytes(file));
            }
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String relative = entry.isFile() ? ReviewPaths.relative(entry.getName()) : null;
                if (relative != null && relative.startsWith(folder)) {
                    return new Entry(relative, tar.readAllBytes());
                }
            }
            return null;
        } catch (ZipException | EOFException e) {
            throw new UncheckedIOException(new IOException(source + " is not a readable .tar.gz (" + e.getMessage()
                    + "); the file is corrupt or incomplete. Delete it and download it again, or pass --data PATH.",
                    e));
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            if (tar != null) {
                tar.close();
            }
            if (listing != null) {
                listing.close();
            }
        } catch (IOException e) {
            // only read from: nothing to lose
        }
    }

    /** The folders of a split's labels, negative then positive. */
    static List<String> folders(String split) {
        return List.of(split + "/neg/", split + "/pos/");
    }
}
