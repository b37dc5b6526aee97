package dev.lamina.examples.reviews;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The Large Movie Review Dataset (Maas et al., 2011) in its official layout
 * ({@code aclImdb/{train,test}/{pos,neg}/ID_RATING.txt}), read from the {@code .tar.gz} as a stream or from an
 * unpacked {@code aclImdb} directory. Reviews are ordered by split, label and id, so every run sees the same order.
 *
 * <pre>{@code
 * ImdbDataset data = ImdbDataset.read(Path.of("../shared/data/aclImdb_v1-labeled.tar.gz"));
 * }</pre>
 */
public record ImdbDataset(List<Review> train, List<Review> test) {

    /** Reads an archive ({@code .tar.gz}/{@code .tgz}) or an {@code aclImdb} directory. */
    public static ImdbDataset read(Path source) throws IOException {
        ImdbDataset data = Files.isDirectory(source) ? readDirectory(source) : readArchive(source);
        if (data.train.isEmpty() || data.test.isEmpty()) {
            throw new IOException(source + " holds no reviews in the aclImdb layout "
                    + "(aclImdb/train/pos/*.txt, aclImdb/test/neg/*.txt, ...); is it the IMDB archive?");
        }
        return data;
    }

    private static ImdbDataset readArchive(Path archive) throws IOException {
        List<Review> train = new ArrayList<>();
        List<Review> test = new ArrayList<>();
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(file, 1 << 16))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (!entry.isFile()) {
                    continue;
                }
                String relative = relativeReviewPath(entry.getName());
                if (relative != null) {
                    add(relative, new String(tar.readAllBytes(), StandardCharsets.UTF_8), train, test);
                }
            }
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new IOException(archive + " is not a readable .tar.gz (" + e.getMessage() + "); the file is corrupt "
                    + "or incomplete. Delete it and download it again, or pass --data PATH.", e);
        } catch (IllegalArgumentException e) {
            throw new IOException(archive + " is not a valid tar archive (" + e.getMessage() + ")", e);
        }
        return sorted(train, test);
    }

    private static ImdbDataset readDirectory(Path directory) throws IOException {
        Path root = Files.isDirectory(directory.resolve("aclImdb")) ? directory.resolve("aclImdb") : directory;
        List<Review> train = new ArrayList<>();
        List<Review> test = new ArrayList<>();
        for (String split : List.of("train", "test")) {
            for (String label : List.of("pos", "neg")) {
                Path folder = root.resolve(split).resolve(label);
                if (!Files.isDirectory(folder)) {
                    throw new IOException(folder + " is missing: " + directory + " is not an aclImdb directory");
                }
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".txt")).toList()) {
                        add(split + "/" + label + "/" + file.getFileName(), Files.readString(file), train, test);
                    }
                }
            }
        }
        return sorted(train, test);
    }

    /** {@code train/pos/12_9.txt} for a review entry, or null for anything else (README, vocab, unsup, ...). */
    static String relativeReviewPath(String name) {
        String[] parts = name.split("/");
        if (parts.length < 4) {
            return null;
        }
        String split = parts[parts.length - 3];
        String label = parts[parts.length - 2];
        String file = parts[parts.length - 1];
        boolean review = (split.equals("train") || split.equals("test")) && (label.equals("pos")
                || label.equals("neg")) && file.endsWith(".txt");
        return review ? split + "/" + label + "/" + file : null;
    }

    private static void add(String relative, String text, List<Review> train, List<Review> test) {
        Review review = new Review(relative, text, relative.contains("/pos/"));
        (relative.startsWith("train/") ? train : test).add(review);
    }

    private static ImdbDataset sorted(List<Review> train, List<Review> test) {
        Comparator<Review> order = Comparator.comparing(Review::positive).reversed()
                .thenComparingInt(r -> id(r.source())).thenComparing(Review::source);
        train.sort(order);
        test.sort(order);
        return new ImdbDataset(List.copyOf(train), List.copyOf(test));
    }

    private static int id(String source) {
        String file = source.substring(source.lastIndexOf('/') + 1);
        int underscore = file.indexOf('_');
        try {
            return Integer.parseInt(underscore > 0 ? file.substring(0, underscore) : file.replace(".txt", ""));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
