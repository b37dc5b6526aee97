package dev.lamina.core.activation;

import org.nd4j.linalg.api.ndarray.INDArray;

/** 0/1 masks in the data type of their input, shared by the piecewise activations. */
final class Masks {
    private Masks() {
    }

    /** 1 where {@code x > value}, else 0. */
    static INDArray greaterThan(INDArray x, double value) {
        return x.gt(value).castTo(x.dataType());
    }

    /** 1 where {@code x < value}, else 0. */
    static INDArray lessThan(INDArray x, double value) {
        return x.lt(value).castTo(x.dataType());
    }

    /** 1 where {@code low < x < high}, else 0. */
    static INDArray between(INDArray x, double low, double high) {
        return greaterThan(x, low).muli(lessThan(x, high));
    }
}
