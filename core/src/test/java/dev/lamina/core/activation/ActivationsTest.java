package dev.lamina.core.activation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class ActivationsTest {

    @AfterEach
    void cleanRegistry() {
        Activations.unregister("maFonction");
        Activations.unregister("shuffle");
    }

    @Test
    void reluWithMaxValueClipsAtMaxValue() {
        INDArray y = Activations.relu(Nd4j.createFromArray(-2f, 3f, 8f), 0.0, 6.0, 0.0);
        assertArrayEquals(new float[] {0f, 3f, 6f}, y.toFloatVector());
    }

    @Test
    void reluWithThresholdZeroesValuesAtOrBelowIt() {
        INDArray y = Activations.relu(Nd4j.createFromArray(0.5f, 1f, 1.5f), 0.0, Double.POSITIVE_INFINITY, 1.0);
        assertArrayEquals(new float[] {0f, 0f, 1.5f}, y.toFloatVector());
    }

    @Test
    void reluCombinesAlphaMaxAndThresholdAsKerasDoes() {
        // Keras: pos = x*(x>thr), clipped to [0,max], minus alpha*relu(thr - x)
        INDArray y = Activations.relu(Nd4j.createFromArray(-1f, 1.5f, 2.5f, 9f), 0.5, 5.0, 2.0);
        assertArrayEquals(new float[] {-1.5f, -0.25f, 2.5f, 5f}, y.toFloatVector(), 1e-6f);
    }

    @Test
    void reluBackpropPassesTheGradientOnlyWhereTheInputIsPositive() {
        INDArray x = Nd4j.createFromArray(-2f, 0f, 1e-6f, 3f);
        INDArray g = Nd4j.createFromArray(5f, 5f, 5f, -5f);
        assertArrayEquals(new float[] {0f, 0f, 5f, -5f}, new Relu().backprop(x, new Relu().apply(x), g).toFloatVector());
        assertArrayEquals(new float[] {-2f, 0f, 1e-6f, 3f}, x.toFloatVector());
    }

    @Test
    void reluRejectsNegativeMaxValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Relu(0, -1, 0));
        assertTrue(e.getMessage().contains("max_value must be >= 0"), e.getMessage());
    }

    @Test
    void softplusIsStableForHugeMagnitudes() {
        INDArray y = Activations.softplus(Nd4j.createFromArray(-1e4f, -100f, 100f, 1e4f));
        assertArrayEquals(new float[] {0f, (float) Math.exp(-100), 100f, 1e4f}, y.toFloatVector(), 1e-30f);
    }

    @Test
    void seluUsesKerasConstants() {
        assertEquals(1.6732632423543772848170429916717, Selu.ALPHA);
        assertEquals(1.0507009873554804934193349852946, Selu.SCALE);
        assertEquals(Selu.SCALE * Selu.ALPHA * Math.expm1(-1), Activations.selu(Nd4j.createFromArray(-1.0)).getDouble(0),
                1e-12);
    }

    @Test
    void swishIsAnAliasOfSilu() {
        assertEquals(new Silu(), Activations.get("swish"));
    }

    @Test
    void unknownNameSuggestsTheClosestKnownNames() {
        UnknownActivationException e = assertThrows(UnknownActivationException.class, () -> Activations.get("rellu"));
        assertEquals("rellu", e.activationName());
        assertTrue(e.getMessage().startsWith("Unknown activation 'rellu'. Did you mean relu"), e.getMessage());
        assertTrue(e.getMessage().contains("Activations.register(\"rellu\", fn)"), e.getMessage());
    }

    @Test
    void nullNameIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activations.get(null));
        assertTrue(e.getMessage().startsWith("Activation name is null"), e.getMessage());
    }

    @Test
    void registeredActivationIsFoundByName() {
        UnaryOperator<INDArray> fn = x -> x.mul(Transforms.sigmoid(x.mul(1.5)));
        Activations.register("maFonction", fn);
        ActivationFunction f = Activations.get("maFonction");
        assertEquals("maFonction", f.name());
        double x = 0.7;
        assertEquals(x / (1 + Math.exp(-1.5 * x)), f.apply(Nd4j.createFromArray(x)).getDouble(0), 1e-12);
    }

    @Test
    void registeringTheSameFunctionTwiceIsAllowed() {
        UnaryOperator<INDArray> fn = x -> x.mul(2);
        Activations.register("maFonction", fn);
        Activations.register("maFonction", fn);
        assertTrue(Activations.isRegistered("maFonction"));
    }

    @Test
    void registeringADifferentFunctionUnderATakenNameIsAnError() {
        Activations.register("maFonction", x -> x.mul(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Activations.register("maFonction", x -> x.mul(3)));
        assertTrue(e.getMessage().contains("Activations.replace(\"maFonction\", fn)"), e.getMessage());
        Activations.replace("maFonction", x -> x.mul(3));
        assertEquals(3.0, Activations.get("maFonction").apply(Nd4j.createFromArray(1.0)).getDouble(0));
    }

    @Test
    void builtInNamesCannotBeRegistered() {
        assertThrows(IllegalArgumentException.class, () -> Activations.register("relu", x -> x.mul(2)));
    }

    @Test
    void parameterisedFactoryReceivesStoredParameters() {
        Activations.registerFactory("maFonction", c -> ActivationFunction.named("maFonction", c,
                x -> x.mul(Transforms.sigmoid(x.mul(c.getOrDefault("beta", 1.0))))));
        ActivationFunction f = Activations.get("maFonction", Map.of("beta", 2.0));
        assertEquals(Map.of("beta", 2.0), f.config());
        assertEquals(1 / (1 + Math.exp(-2.0)), f.apply(Nd4j.createFromArray(1.0)).getDouble(0), 1e-12);
    }

    @Test
    void customActivationGradientComesFromFloat64CentralDifferences() {
        ActivationFunction f = ActivationFunction.named("maFonction", x -> x.mul(Transforms.sigmoid(x.mul(1.5))));
        double[] xs = {-30, -4, -0.5, 0, 1e-6, 0.5, 4, 30};
        INDArray d = ((ElementwiseActivation) f).derivative(Nd4j.createFromArray(xs));
        for (int i = 0; i < xs.length; i++) {
            double s = 1 / (1 + Math.exp(-1.5 * xs[i]));
            double exact = s + 1.5 * xs[i] * s * (1 - s);
            assertEquals(exact, d.getDouble(i), 1e-9, "at " + xs[i]);
        }
    }

    @Test
    void customActivationWithAnalyticDerivativeUsesIt() {
        ActivationFunction f = ActivationFunction.named("square", x -> x.mul(x), x -> x.mul(2));
        INDArray g = f.backprop(Nd4j.createFromArray(3f), Nd4j.createFromArray(9f), Nd4j.createFromArray(0.5f));
        assertEquals(3.0, g.getDouble(0), 0.0);
    }

    @Test
    void nonElementwiseCustomActivationIsRejectedAtBackprop() {
        ActivationFunction f = ActivationFunction.named("shuffle", x -> x.sub(x.mean()));
        INDArray x = Nd4j.createFromArray(new float[][] {{1f, 2f}});
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> f.backprop(x, f.apply(x), x));
        assertTrue(e.getMessage().contains("is not element-wise"), e.getMessage());
    }

    @Test
    void customActivationThatModifiesItsInputIsRejected() {
        ActivationFunction f = ActivationFunction.named("inPlace", x -> x.muli(2));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> f.apply(Nd4j.createFromArray(1f)));
        assertTrue(e.getMessage().contains("modified its input in place"), e.getMessage());
    }

    @Test
    void plainFunctionsKeepTheInputDataType() {
        INDArray x = Nd4j.createFromArray(1.0, -2.0);
        assertSame(x.dataType(), Activations.gelu(x).dataType());
        assertInstanceOf(Relu.class, Activations.relu(0.1, 6.0, 0.0));
    }
}
