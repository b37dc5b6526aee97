package dev.lamina.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DropoutTest {

    @RegisterExtension
    final CapturedLog log = new CapturedLog();

    @Test
    void inferenceIsTheIdentity() {
        Sequential model = new Sequential().seed(1);
        model.add(new Dense(4, "relu", 3));
        model.add(new Dropout(0.5));
        INDArray x = Nd4j.rand(5, 3);
        Sequential reference = new Sequential().seed(1);
        reference.add(new Dense(4, "relu", 3));
        assertEquals(reference.predict(x), model.predict(x));
        assertEquals("dropout", model.layers().get(1).name());
    }

    @Test
    void trainingZeroesAboutRateOfTheInputsAndScalesTheRest() {
        Dropout dropout = new Dropout(0.25);
        new Sequential().seed(3).add(new Dense(1000, "linear", 1)).add(dropout);
        INDArray out = Pass.nd4j(dropout.preActivation(new Batch.Dense(Nd4j.ones(20, 1000)), true));
        double zeros = out.eq(0).castTo(out.dataType()).sumNumber().doubleValue() / out.length();
        assertEquals(0.25, zeros, 0.01);
        assertEquals(1 / 0.75, out.maxNumber().doubleValue(), 1e-6);
        INDArray grad = dropout.backward(Nd4j.ones(20, 1000), true);
        assertEquals(out, grad);
    }

    @Test
    void rateMustBeBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0));
    }

    @Test
    void seluWithDropoutIsWarned() {
        Sequential model = new Sequential();
        model.add(new Dense(8, "selu", 4).kernelInitializer("lecun_normal"));
        model.add(new Dropout(0.2));
        model.add(new Dense(1, "sigmoid"));
        model.compile("adam", "binary_crossentropy");
        assertTrue(model.warnings().get(0).contains("Dropout 'dropout' is mixed with selu layers"),
                model.warnings().toString());
        Sequential relu = new Sequential(new Dense(8, "relu", 4), new Dropout(0.2), new Dense(1, "sigmoid"));
        relu.compile("adam", "binary_crossentropy");
        assertEquals(List.of(), relu.warnings());
        log.assertWarnings("Dropout 'dropout' is mixed with selu layers");
    }
}
