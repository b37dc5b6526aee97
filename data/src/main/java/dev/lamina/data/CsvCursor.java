package dev.lamina.data;

import dev.lamina.layers.BatchSource;
import dev.lamina.layers.DataBatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One pass of a {@link CsvSource}: its files one after another, parsed a record at a time into float32 batches (a
 * batch may span two files). Holds one open file and one batch of values.
 *
 * <pre>{@code
 * try (BatchSource.Cursor cursor = csv.open(0)) { while (cursor.hasNext()) { DataBatch batch = cursor.next(); } }
 * }</pre>
 */
final class CsvCursor implements BatchSource.Cursor {

    private final Iterator<Path> files;
    private final boolean header;
    private final CSVFormat format;
    private final CsvSource.Columns labelColumns;
    private final CsvSource.Columns featureColumns;
    private final CsvSource.Columns weightColumn;
    private final int batchSize;

    private Path file;
    private CSVParser parser;
    private Iterator<CSVRecord> records;
    private List<String> names;
    private int width;
    private int[] featureAt;
    private int[] labelAt;
    private int weightAt = -1;
    private int featureCount = -1;
    private int labelCount = -1;
    private DataBatch next;

    CsvCursor(List<Path> files, boolean header, char delimiter, CsvSource.Columns labels, CsvSource.Columns features,
              CsvSource.Columns weights, int batchSize) {
        this.files = files.iterator();
        this.header = header;
        this.format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
        this.labelColumns = labels;
        this.featureColumns = features;
        this.weightColumn = weights;
        this.batchSize = batchSize;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = read();
        }
        return next != null;
    }

    @Override
    public DataBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more batches in this pass over the CSV files");
        }
        DataBatch batch = next;
        next = null;
        return batch;
    }

    @Override
    public void close() {
        closeFile();
        while (files.hasNext()) {
            files.next();
        }
    }

    /** The next batch, or null when every file has been read. */
    private DataBatch read() {
        float[] x = null;
        float[] y = null;
        float[] w = null;
        int rows = 0;
        while (rows < batchSize) {
            CSVRecord record = nextRecord();
            if (record == null) {
                break;
            }
            if (x == null) {
                x = new float[batchSize * featureCount];
                y = new float[batchSize * labelCount];
                w = weightAt >= 0 ? new float[batchSize] : null;
            }
            long line = parser.getCurrentLineNumber();
            if (record.size() != width) {
                throw new IllegalArgumentException(file + ", line " + line + ": " + record.size() + " values, but "
                        + (header ? "the header has " + width + " columns" : "the first row has " + width) + ". Every "
                        + "row needs one value per column (a missing or extra delimiter?).");
            }
            for (int i = 0; i < featureCount; i++) {
                x[rows * featureCount + i] = value(record, featureAt[i], line);
            }
            for (int i = 0; i < labelCount; i++) {
                y[rows * labelCount + i] = value(record, labelAt[i], line);
            }
            if (w != null) {
                w[rows] = value(record, weightAt, line);
                if (w[rows] < 0) {
                    throw new IllegalArgumentException(where(line, weightAt) + ": the sample weight "
                            + record.get(weightAt) + " is negative; weights must be >= 0.");
                }
            }
            rows++;
        }
        if (rows == 0) {
            return null;
        }
        INDArray features = Nd4j.create(rows < batchSize ? Arrays.copyOf(x, rows * featureCount) : x,
                new long[] {rows, featureCount}, 'c');
        if (labelCount == 0) {
            return DataBatch.features(features);
        }
        INDArray labels = Nd4j.create(rows < batchSize ? Arrays.copyOf(y, rows * labelCount) : y,
                new long[] {rows, labelCount}, 'c');
        DataBatch batch = DataBatch.of(features, labels);
        return w == null ? batch : batch.withSampleWeights(Nd4j.create(Arrays.copyOf(w, rows), new long[] {rows, 1},
                'c'));
    }

    private float value(CSVRecord record, int column, long line) {
        String text = record.get(column);
        float value;
        try {
            value = Float.parseFloat(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where(line, column) + ": " + (text.isBlank() ? "the value is empty"
                    : "'" + text + "' is not a number") + ". Fix the file, or leave the column out with "
                    + "features(...).", e);
        }
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException(where(line, column) + ": '" + text + "' is not a finite float32 "
                    + "number. Fix the file, or leave the column out with features(...).");
        }
        return value;
    }

    /** {@code file, line 12, column 3 ('price')}: columns counted from 1, as editors do. */
    private String where(long line, int column) {
        return file + ", line " + line + ", column " + (column + 1)
                + (names != null ? " ('" + names.get(column) + "')" : "");
    }

    /** The next record of the pass, opening the next file when one ends; null at the end. */
    private CSVRecord nextRecord() {
        while (true) {
            if (records == null && !openNextFile()) {
                return null;
            }
            try {
                if (records.hasNext()) {
                    return records.next();
                }
            } catch (UncheckedIOException | IllegalStateException e) {
                throw new IllegalArgumentException(file + ", near line " + parser.getCurrentLineNumber()
                        + ": malformed CSV (" + e.getMessage() + "); check its quotes.", e);
            }
            closeFile();
        }
    }

    private boolean openNextFile() {
        if (!files.hasNext()) {
            return false;
        }
        file = files.next();
        try {
            BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            parser = CSVParser.parse(reader, format);
        } catch (IOException e) {
            throw new UncheckedIOException("CsvSource cannot read " + file + ": " + e.getMessage(), e);
        }
        records = parser.iterator();
        if (!records.hasNext()) {
            closeFile(); // an empty file: nothing to read, not even a header
            return openNextFile();
        }
        if (header) {
            CSVRecord first = records.next();
            names = new ArrayList<>(first.toList());
            width = names.size();
        } else {
            names = null;
            width = -1;
        }
        resolveColumns();
        return true;
    }

    /** The positions of the chosen columns in this file (each file may order its columns differently). */
    private void resolveColumns() {
        if (width < 0) { // no header: the first row's width
            width = peekWidth();
        }
        labelAt = positions(labelColumns);
        weightAt = weightColumn == null ? -1 : positions(weightColumn)[0];
        if (featureColumns != null) {
            featureAt = positions(featureColumns);
        } else {
            List<Integer> rest = new ArrayList<>();
            for (int c = 0; c < width; c++) {
                int column = c;
                if (Arrays.stream(labelAt).noneMatch(l -> l == column) && column != weightAt) {
                    rest.add(c);
                }
            }
            featureAt = rest.stream().mapToInt(Integer::intValue).toArray();
        }
        for (int f : featureAt) {
            for (int l : labelAt) {
                if (f == l) {
                    throw new IllegalArgumentException(file + ": column " + (f + 1) + describe(f) + " is both a "
                            + "feature and a label; list it in one of features(...) and labels(...).");
                }
            }
        }
        if (featureAt.length == 0) {
            throw new IllegalArgumentException(file + ": no feature columns are left once the labels are taken out "
                    + "of its " + width + " columns.");
        }
        if (featureCount >= 0 && (featureCount != featureAt.length || labelCount != labelAt.length)) {
            throw new IllegalArgumentException(file + " has " + featureAt.length + " feature and " + labelAt.length
                    + " label columns where the files before it had " + featureCount + " and " + labelCount
                    + "; every file must have the same columns.");
        }
        featureCount = featureAt.length;
        labelCount = labelAt.length;
    }

    private int peekWidth() {
        // without a header, the first record gives the width: parse it again from a fresh parser of the same file
        try (CSVParser probe = CSVParser.parse(Files.newBufferedReader(file, StandardCharsets.UTF_8), format)) {
            Iterator<CSVRecord> it = probe.iterator();
            return it.hasNext() ? it.next().size() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("CsvSource cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private int[] positions(CsvSource.Columns columns) {
        int[] at = new int[columns.count()];
        for (int i = 0; i < at.length; i++) {
            if (columns.names() != null) {
                String name = columns.names().get(i);
                at[i] = names.indexOf(name);
                if (at[i] < 0) {
                    throw new IllegalArgumentException(file + ", line 1: " + columns.what() + " column '" + name
                            + "' is missing; the header has " + names + ". Fix the name, or the file's header.");
                }
            } else {
                at[i] = columns.indices()[i];
                if (at[i] >= width) {
                    throw new IllegalArgumentException(file + ": " + columns.what() + " column index " + at[i]
                            + " is past its " + width + " columns (indices start at 0).");
                }
            }
        }
        return at;
    }

    private String describe(int column) {
        return names == null ? "" : " ('" + names.get(column) + "')";
    }

    private void closeFile() {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException e) {
                // read to the end or abandoned: nothing was written, nothing to lose
            }
        }
        parser = null;
        records = null;
    }
}
