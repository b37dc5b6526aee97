package dev.lamina.data;

import dev.lamina.layers.BatchSource;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Labelled rows of numeric CSV files, read as a stream of batches ({@link BatchSource}): the files are shards read one
 * after another, a record at a time, so memory holds one batch however large the files are. Re-iterable: each epoch
 * reads the files again, in their order or, with {@link #shuffleFiles(long)}, in an order drawn from the seed and the
 * epoch; mix rows as well with {@code .shuffled(bufferRows, seed)}. Immutable: each setting returns a changed copy.
 *
 * <p>Defaults: a header line, comma-separated, batches of 32, labels required; the features are every column that is
 * not a label or the weight column. Every value must parse as a finite number; a bad value, a row of the wrong length
 * or a missing column fails with the file, line and column, and what to do.
 *
 * <pre>{@code
 * BatchSource train = CsvSource.glob(Path.of("data"), "train-*.csv").labels("price").batchSize(512)
 *         .shuffleFiles(7).shuffled(10_000, 7);
 * model.fit(train, FitOptions.epochs(4).validationData(CsvSource.of(Path.of("data/valid.csv")).labels("price")));
 * }</pre>
 */
public final class CsvSource implements BatchSource {

    private final List<Path> files;
    private final boolean header;
    private final char delimiter;
    private final Columns labels;
    private final Columns features;
    private final Columns weights;
    private final int batchSize;
    private final Long fileSeed;

    private CsvSource(List<Path> files, boolean header, char delimiter, Columns labels, Columns features,
                      Columns weights, int batchSize, Long fileSeed) {
        this.files = files;
        this.header = header;
        this.delimiter = delimiter;
        this.labels = labels;
        this.features = features;
        this.weights = weights;
        this.batchSize = batchSize;
        this.fileSeed = fileSeed;
    }

    /** The files, read in this order (unless {@link #shuffleFiles}); each must exist. */
    public static CsvSource of(Path... files) {
        return of(List.of(files));
    }

    /** The files, read in this order (unless {@link #shuffleFiles}); each must exist. */
    public static CsvSource of(List<Path> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("CsvSource needs at least one file");
        }
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("CsvSource: " + file + " is not a readable file (missing, or a "
                        + "directory). Give existing CSV files, or CsvSource.glob(directory, \"*.csv\").");
            }
        }
        return new CsvSource(List.copyOf(files), true, ',', null, null, null, 32, null);
    }

    /**
     * The files of {@code directory} whose names match {@code glob} ({@code "part-*.csv"}), in name order.
     *
     * @throws IOException when the directory cannot be listed or no file matches
     */
    public static CsvSource glob(Path directory, String glob) throws IOException {
        List<Path> matches = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, glob)) {
            for (Path file : stream) {
                if (Files.isRegularFile(file)) {
                    matches.add(file);
                }
            }
        }
        if (matches.isEmpty()) {
            throw new NoSuchFileException(directory.resolve(glob).toString(), null, "no file matches " + glob
                    + " in " + directory);
        }
        Collections.sort(matches);
        return of(matches);
    }

    /** The label columns, by header name. */
    public CsvSource labels(String... names) {
        return new CsvSource(files, header, delimiter, Columns.named("labels", names), features, weights, batchSize,
                fileSeed);
    }

    /** The label columns, by position from 0. */
    public CsvSource labels(int... indices) {
        return new CsvSource(files, header, delimiter, Columns.indexed("labels", indices), features, weights,
                batchSize, fileSeed);
    }

    /** The feature columns, by header name, in this order (default: every column not a label or the weight). */
    public CsvSource features(String... names) {
        return new CsvSource(files, header, delimiter, labels, Columns.named("features", names), weights, batchSize,
                fileSeed);
    }

    /** The feature columns, by position from 0, in this order. */
    public CsvSource features(int... indices) {
        return new CsvSource(files, header, delimiter, labels, Columns.indexed("features", indices), weights,
                batchSize, fileSeed);
    }

    /** A column of per-row sample weights (finite, non-negative), by header name. */
    public CsvSource sampleWeights(String name) {
        return new CsvSource(files, header, delimiter, labels, features, Columns.named("sampleWeights", name),
                batchSize, fileSeed);
    }

    /** Rows per batch (default 32); the last batch of a pass may be shorter. */
    public CsvSource batchSize(int rows) {
        if (rows <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0. Received: " + rows);
        }
        return new CsvSource(files, header, delimiter, labels, features, weights, rows, fileSeed);
    }

    /** Whether each file starts with a header line of column names (default true). */
    public CsvSource header(boolean present) {
        return new CsvSource(files, present, delimiter, labels, features, weights, batchSize, fileSeed);
    }

    /** The separator of values (default {@code ','}; {@code ';'} or {@code '\t'} for others). */
    public CsvSource delimiter(char separator) {
        return new CsvSource(files, header, separator, labels, features, weights, batchSize, fileSeed);
    }

    /** Reads the files in a new order each epoch, drawn from {@code seed} and the epoch (the same for both). */
    public CsvSource shuffleFiles(long seed) {
        return new CsvSource(files, header, delimiter, labels, features, weights, batchSize, seed);
    }

    /** No label columns: files of features only, for {@code predict} (which ignores the labels of labelled files). */
    public CsvSource unlabelled() {
        return new CsvSource(files, header, delimiter, Columns.NONE, features, weights, batchSize, fileSeed);
    }

    /** The files in the order epoch {@code epoch} reads them. */
    public List<Path> fileOrder(int epoch) {
        if (fileSeed == null) {
            return files;
        }
        List<Path> order = new ArrayList<>(files);
        Collections.shuffle(order, new Random(fileSeed * 0x9E3779B97F4A7C15L + epoch));
        return order;
    }

    @Override
    public Cursor open(int epoch) {
        if (labels == null) {
            throw new IllegalStateException("CsvSource: which columns are the labels? Call labels(\"name\") or "
                    + "labels(index), or unlabelled() for predict.");
        }
        if (!header && (labels.byName() || features != null && features.byName()
                || weights != null && weights.byName())) {
            throw new IllegalStateException("CsvSource: columns are chosen by name but header(false) says the files "
                    + "have no header line; choose them by index (labels(0)) or drop header(false).");
        }
        return new CsvCursor(fileOrder(epoch), header, delimiter, labels, features, weights, batchSize);
    }

    @Override
    public String toString() {
        return "CsvSource" + (files.size() == 1 ? "[" + files.get(0) + "]" : "[" + files.size() + " files: "
                + files.get(0) + ", ...]");
    }

    /** Columns chosen by name or by index; {@link #NONE} for no labels. */
    record Columns(String what, List<String> names, int[] indices) {

        static final Columns NONE = new Columns("labels", List.of(), new int[0]);

        static Columns named(String what, String... names) {
            if (names.length == 0) {
                throw new IllegalArgumentException(what + " needs at least one column name");
            }
            if (Arrays.stream(names).distinct().count() != names.length) {
                throw new IllegalArgumentException(what + " names a column twice: " + Arrays.toString(names));
            }
            return new Columns(what, List.of(names), null);
        }

        static Columns indexed(String what, int... indices) {
            if (indices.length == 0) {
                throw new IllegalArgumentException(what + " needs at least one column index");
            }
            for (int index : indices) {
                if (index < 0) {
                    throw new IllegalArgumentException(what + ": column indices start at 0. Received: " + index);
                }
            }
            if (Arrays.stream(indices).distinct().count() != indices.length) {
                throw new IllegalArgumentException(what + " names a column twice: " + Arrays.toString(indices));
            }
            return new Columns(what, null, indices.clone());
        }

        boolean byName() {
            return names != null && !names.isEmpty();
        }

        int count() {
            return names != null ? names.size() : indices.length;
        }
    }
}
