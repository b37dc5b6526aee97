package dev.lamina.core.metric;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** True/false positive/negative counts at one threshold ({@code yPred > threshold} is positive). */
final class ConfusionCounts {

    private final double threshold;
    private double truePositives;
    private double falsePositives;
    private double falseNegatives;

    ConfusionCounts(double threshold) {
        this.threshold = threshold;
    }

    void reset() {
        truePositives = 0;
        falsePositives = 0;
        falseNegatives = 0;
    }

    void update(INDArray yPred, INDArray yTrue) {
        INDArray predicted = yPred.gt(threshold).castTo(DataType.DOUBLE);
        INDArray actual = yTrue.castTo(DataType.DOUBLE);
        double tp = predicted.mul(actual).sumNumber().doubleValue();
        truePositives += tp;
        falsePositives += predicted.sumNumber().doubleValue() - tp;
        falseNegatives += actual.sumNumber().doubleValue() - tp;
    }

    double truePositives() {
        return truePositives;
    }

    double falsePositives() {
        return falsePositives;
    }

    double falseNegatives() {
        return falseNegatives;
    }
}
