package dev.lamina.examples.reviews;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The raw review files of the IMDB data, streamed from the {@code .tar.gz} (never unpacked) or read from an unpacked
 * {@code aclImdb} directory: each review's relative path ({@code train/pos/12_9.txt}) and its UTF-8 bytes, in
 * storage order. Other entries (README, vocabulary, unlabelled reviews) are skipped.
 *
 * <pre>{@code
 * ReviewFiles.forEach(Path.of("aclImdb_v1.tar.gz"), (relative, utf8) -> System.out.println(relative));
 * }</pre>
 */
public final class ReviewFiles {

    /** Receives one review file; may stop the reading by throwing. */
    @FunctionalInterface
    public interface Sink {
        void accept(String relative, byte[] utf8) throws IOException;
    }

    private ReviewFiles() {
    }

    /** Reads an archive ({@code .tar.gz}/{@code .tgz}) or an {@code aclImdb} directory into {@code sink}. */
    public static void forEach(Path source, Sink sink) throws IOException {
        if (Files.isDirectory(source)) {
            readDirectory(source, sink);
        } else {
            readArchive(source, sink);
        }
    }

    private static void readArchive(Path archive, Sink sink) throws IOException {
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(file, 1 << 16))) {
            TarArchiveEntry entry;
            while ((entry = nextEntry(tar, archive)) != null) {
                String relative = entry.isFile() ? ReviewPaths.relative(entry.getName()) : null;
                if (relative != null) {
                    sink.accept(relative, tar.readAllBytes());
                }
            }
        } catch (ZipException | EOFException e) {
            throw new IOException(archive + " is not a readable .tar.gz (" + e.getMessage() + "); the file is corrupt "
                    + "or incomplete. Delete it and download it again, or pass --data PATH.", e);
        }
    }

    private static TarArchiveEntry nextEntry(TarArchiveInputStream tar, Path archive) throws IOException {
        try {
            return tar.getNextEntry();
        } catch (ZipException | EOFException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException(archive + " is not a valid tar archive (" + e.getMessage() + ")", e);
        }
    }

    private static void readDirectory(Path directory, Sink sink) throws IOException {
        Path root = Files.isDirectory(directory.resolve("aclImdb")) ? directory.resolve("aclImdb") : directory;
        for (String split : List.of("train", "test")) {
            for (String label : List.of("pos", "neg")) {
                Path folder = root.resolve(split).resolve(label);
                if (!Files.isDirectory(folder)) {
                    throw new IOException(folder + " is missing: " + directory + " is not an aclImdb directory");
                }
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".txt")).toList()) {
                        sink.accept(split + "/" + label + "/" + file.getFileName(), Files.readAllBytes(file));
                    }
                }
            }
        }
    }
}
