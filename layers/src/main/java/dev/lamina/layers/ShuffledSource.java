package dev.lamina.layers;

import dev.lamina.core.HostFloats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link BatchSource#shuffled(int, long)}: rows mixed in a bounded buffer, as tf.data's {@code shuffle}. The buffer
 * fills with the first {@code bufferRows} rows; then each row out is drawn at random from it and its place taken by
 * the next row in; when the input ends, the buffer empties in random order. Memory holds the buffer and two batches.
 * Features are kept as float32 in Java (dense rows as values, sparse rows as indices and values).
 *
 * <pre>{@code
 * BatchSource mixed = new ShuffledSource(files, 10_000, 7L);
 * }</pre>
 */
final class ShuffledSource implements BatchSource {

    /** One buffered row: dense values or sparse indices (with values, or null for ones), labels, weight or NaN. */
    private record Row(float[] dense, int[] indices, float[] values, float[] labels, float weight) {
    }

    private final BatchSource source;
    private final int bufferRows;
    private final long seed;

    ShuffledSource(BatchSource source, int bufferRows, long seed) {
        if (bufferRows < 1) {
            throw new IllegalArgumentException("shuffled needs a buffer of at least 1 row. Received: " + bufferRows);
        }
        this.source = source;
        this.bufferRows = bufferRows;
        this.seed = seed;
    }

    @Override
    public Cursor open(int epoch) {
        return new Mixer(source.open(epoch), new Random(seed * 0x9E3779B97F4A7C15L + epoch));
    }

    @Override
    public boolean reiterable() {
        return source.reiterable();
    }

    @Override
    public long batches() {
        return source.batches(); // the same rows in batches of the first batch's size: the same count when the
                                 // source's batches are full but for the last
    }

    private final class Mixer implements Cursor {

        private final Cursor input;
        private final Random random;
        private final List<Row> buffer = new ArrayList<>();
        private final List<Row> pending = new ArrayList<>(); // rows of the current input batch not yet buffered
        private int pendingAt;
        private int batchSize = -1;
        private boolean sparse;
        private long columns;
        private boolean labelled;
        private boolean weighted;

        Mixer(Cursor input, Random random) {
            this.input = input;
            this.random = random;
        }

        @Override
        public boolean hasNext() {
            fill();
            return !buffer.isEmpty();
        }

        @Override
        public DataBatch next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the shuffled source has no more batches");
            }
            List<Row> out = new ArrayList<>(batchSize);
            while (out.size() < batchSize && !buffer.isEmpty()) {
                int pick = random.nextInt(buffer.size());
                out.add(buffer.get(pick));
                Row next = nextRow();
                if (next != null) {
                    buffer.set(pick, next);
                } else {
                    buffer.set(pick, buffer.get(buffer.size() - 1));
                    buffer.remove(buffer.size() - 1);
                }
            }
            return assemble(out);
        }

        @Override
        public void close() {
            input.close();
        }

        private void fill() {
            while (buffer.size() < bufferRows) {
                Row row = nextRow();
                if (row == null) {
                    return;
                }
                buffer.add(row);
            }
        }

        private Row nextRow() {
            while (pendingAt == pending.size()) {
                if (!input.hasNext()) {
                    return null;
                }
                pending.clear();
                pendingAt = 0;
                split(input.next());
            }
            return pending.get(pendingAt++);
        }

        private void split(DataBatch batch) {
            int rows = (int) batch.rows();
            boolean isSparse = batch.features() instanceof SparseRows;
            long width = isSparse ? ((SparseRows) batch.features()).columns() : ((INDArray) batch.features()).size(1);
            if (batchSize < 0) {
                batchSize = Math.max(1, rows);
                sparse = isSparse;
                columns = width;
                labelled = batch.labels() != null;
                weighted = batch.sampleWeights() != null;
            } else if (isSparse != sparse || width != columns || labelled != (batch.labels() != null)
                    || weighted != (batch.sampleWeights() != null)) {
                throw new IllegalArgumentException("shuffled: every batch must have the same kind of features, width, "
                        + "labels and weights as the first (" + (sparse ? "sparse" : "dense") + ", " + columns
                        + " columns, labels " + labelled + ", weights " + weighted + "); a later batch has "
                        + (isSparse ? "sparse" : "dense") + " features of " + width + " columns, labels "
                        + (batch.labels() != null) + ", weights " + (batch.sampleWeights() != null) + ".");
            }
            float[] labels = labelled ? HostFloats.of(batch.labels()) : null;
            int labelWidth = labelled ? (int) (labels.length / Math.max(1, rows)) : 0;
            float[] weights = weighted ? HostFloats.of(batch.sampleWeights()) : null;
            float[] dense = isSparse ? null : HostFloats.of((INDArray) batch.features());
            SparseRows rowsIn = isSparse ? (SparseRows) batch.features() : null;
            for (int r = 0; r < rows; r++) {
                float[] rowLabels = labelled ? Arrays.copyOfRange(labels, r * labelWidth, (r + 1) * labelWidth) : null;
                float weight = weighted ? weights[r] : Float.NaN;
                if (isSparse) {
                    int from = rowsIn.offsets()[r];
                    int to = rowsIn.offsets()[r + 1];
                    float[] values = rowsIn.values() == null ? null : Arrays.copyOfRange(rowsIn.values(), from, to);
                    pending.add(new Row(null, Arrays.copyOfRange(rowsIn.columnIndices(), from, to), values, rowLabels,
                            weight));
                } else {
                    pending.add(new Row(Arrays.copyOfRange(dense, (int) (r * width), (int) ((r + 1) * width)), null,
                            null, rowLabels, weight));
                }
            }
        }

        private DataBatch assemble(List<Row> rows) {
            int n = rows.size();
            Object features;
            if (sparse) {
                int[] offsets = new int[n + 1];
                boolean ones = rows.stream().allMatch(row -> row.values() == null);
                for (int r = 0; r < n; r++) {
                    offsets[r + 1] = offsets[r] + rows.get(r).indices().length;
                }
                int[] indices = new int[offsets[n]];
                float[] values = ones ? null : new float[offsets[n]];
                for (int r = 0; r < n; r++) {
                    Row row = rows.get(r);
                    System.arraycopy(row.indices(), 0, indices, offsets[r], row.indices().length);
                    if (values != null) {
                        if (row.values() == null) {
                            Arrays.fill(values, offsets[r], offsets[r + 1], 1f);
                        } else {
                            System.arraycopy(row.values(), 0, values, offsets[r], row.values().length);
                        }
                    }
                }
                features = new SparseRows(columns, offsets, indices, values);
            } else {
                float[] values = new float[(int) (n * columns)];
                for (int r = 0; r < n; r++) {
                    System.arraycopy(rows.get(r).dense(), 0, values, (int) (r * columns), (int) columns);
                }
                features = Nd4j.create(values, new long[] {n, columns}, 'c');
            }
            INDArray labels = null;
            INDArray weights = null;
            if (labelled) {
                int width = rows.get(0).labels().length;
                float[] y = new float[n * width];
                for (int r = 0; r < n; r++) {
                    System.arraycopy(rows.get(r).labels(), 0, y, r * width, width);
                }
                labels = Nd4j.create(y, new long[] {n, width}, 'c');
            }
            if (weighted) {
                float[] w = new float[n];
                for (int r = 0; r < n; r++) {
                    w[r] = rows.get(r).weight();
                }
                weights = Nd4j.create(w, new long[] {n, 1}, 'c');
            }
            return new DataBatch(features, labels, weights);
        }
    }

    @Override
    public String toString() {
        return source + ".shuffled(" + bufferRows + ", " + seed + ")";
    }
}
