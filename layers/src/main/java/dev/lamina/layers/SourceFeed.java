package dev.lamina.layers;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A user's {@link BatchSource} as a {@link Feed}: each batch is checked as arrays are at the API boundary
 * ({@link Inputs}: width, labels, weights, no NaN; the model is built from the first batch) and a bad one fails with
 * its number in the pass. Class weights, when given, become the batch's sample weights.
 *
 * <pre>{@code
 * Feed feed = new SourceFeed(model, source, "fit", true, null);
 * }</pre>
 */
final class SourceFeed implements Feed {

    private final Model model;
    private final BatchSource source;
    private final String action;
    private final boolean labelled;
    private final Map<Integer, Double> classWeight;

    /**
     * @param labelled    whether batches must carry labels (fit, evaluate) or their labels are ignored (predict)
     * @param classWeight Keras's {@code class_weight}, or null
     */
    SourceFeed(Model model, BatchSource source, String action, boolean labelled, Map<Integer, Double> classWeight) {
        if (source == null) {
            throw new IllegalArgumentException(action + ": the batch source is null");
        }
        this.model = model;
        this.source = source;
        this.action = action;
        this.labelled = labelled;
        this.classWeight = classWeight;
    }

    @Override
    public long batchesPerPass() {
        return source.batches();
    }

    @Override
    public boolean reiterable() {
        return source.reiterable();
    }

    @Override
    public Steps open(int epoch) {
        BatchSource.Cursor cursor = source.open(epoch);
        return new Steps() {
            private long index;

            @Override
            protected Step read() {
                if (!cursor.hasNext()) {
                    return null;
                }
                DataBatch batch = cursor.next();
                index++;
                if (batch == null) {
                    throw new IllegalArgumentException(action + ": batch " + index + " of " + source + " is null.");
                }
                return check(batch, index);
            }

            @Override
            public void close() {
                cursor.close();
            }
        };
    }

    private Step check(DataBatch batch, long index) {
        try {
            BatchRows rows = Inputs.rows(model, batch.features(), action, true);
            if (!labelled) {
                return new Step(rows.range(0, rows.count()), null, null);
            }
            if (batch.labels() == null) {
                throw new IllegalArgumentException("the batch has no labels; " + action + " needs them: yield "
                        + "DataBatch.of(features, labels).");
            }
            INDArray y = Inputs.labels(model, batch.labels(), rows.count(), action);
            INDArray w = Inputs.sampleWeights(model, batch.sampleWeights(), rows.count(), action);
            if (classWeight != null) {
                if (w != null) { // as Keras's class-weight mapping of a dataset
                    throw new IllegalArgumentException("you cannot use classWeight and sample weights at the same "
                            + "time; fold the class weights into the batches' sample weights instead.");
                }
                w = ClassWeights.perRow(classWeight, y, model.dataType());
            }
            return new Step(rows.range(0, rows.count()), y, w);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(action + ": batch " + index + " of " + source + ": " + e.getMessage(),
                    e);
        }
    }
}
