package dev.lamina.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.core.activation.UnknownActivationException;
import dev.lamina.core.regularizer.L2;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Sequential;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Every Keras config variant of a dense model becomes the one Sequential shape ArchitectureReader reads. */
class KerasConfigNormalizerTest {

    private static JsonNode json(String text) throws ModelFormatException {
        return ModelJson.parse(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8), 1 << 20);
    }

    private static Sequential build(String text) throws ModelFormatException {
        return KerasModelFiles.build(KerasConfigNormalizer.normalize(json(text), "model.json"), 1 << 30);
    }

    private static ModelFormatException refused(String text, String... fragments) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> build(text));
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
        }
        return e;
    }

    private static final String DENSE = "{'class_name': 'Dense', 'config': {'name': 'dense', 'units': 3}}";

    private static String functional(String layers, String inputs, String outputs) {
        return "{'class_name': 'Functional', 'config': {'name': 'f', 'layers': [" + layers + "], 'input_layers': "
                + inputs + ", 'output_layers': " + outputs + "}}";
    }

    private static String node2(String name, String source) {
        return "{'class_name': 'Dense', 'name': '" + name + "', 'config': {'name': '" + name + "', 'units': 2}, "
                + "'inbound_nodes': [[['" + source + "', 0, 0, {}]]]}";
    }

    private static final String INPUT2 = "{'class_name': 'InputLayer', 'name': 'in', 'config': {'name': 'in', "
            + "'batch_input_shape': [null, 4]}, 'inbound_nodes': []}";

    @Test
    void kerasOneBareListWithOutputDimLoads() throws ModelFormatException {
        Sequential model = build("{'class_name': 'Sequential', 'config': [{'class_name': 'Dense', 'config': {"
                + "'W_constraint': null, 'b_constraint': null, 'name': 'dense_1', 'output_dim': 4, "
                + "'activity_regularizer': null, 'trainable': true, 'init': 'glorot_uniform', 'bias': false, "
                + "'input_dtype': 'float32', 'input_dim': 5, 'b_regularizer': null, 'W_regularizer': null, "
                + "'activation': 'relu', 'batch_input_shape': [null, 5]}}, {'class_name': 'Dropout', 'config': {"
                + "'name': 'dropout_1', 'p': 0.5, 'trainable': true}}]}");
        Dense dense = (Dense) model.layers().get(0);
        assertEquals(List.of(5L, 4L), List.of(dense.inputSize(), dense.outputSize()));
        assertEquals(List.of("kernel"), dense.weightNames(), "Keras 1 'bias': false");
        assertEquals("Dropout", model.layers().get(1).className());
    }

    @Test
    void tfKerasTwoConfigWithoutInputLayerTakesTheFirstLayersShape() throws ModelFormatException {
        Sequential model = build("{'class_name': 'Sequential', 'config': {'name': 'seq', 'layers': [{'class_name': "
                + "'Dense', 'config': {'name': 'd', 'units': 3, 'batch_input_shape': [null, 7], 'dtype': 'float32', "
                + "'kernel_initializer': {'class_name': 'VarianceScaling', 'config': {'scale': 1.0, 'mode': 'fan_avg',"
                + " 'distribution': 'uniform', 'seed': null, 'dtype': 'float32'}}, 'kernel_regularizer': {"
                + "'class_name': 'L1L2', 'config': {'l1': 0.0, 'l2': 0.01}}}}]}, 'keras_version': '2.2.4-tf'}");
        assertEquals("seq", model.name());
        assertEquals(7, model.layers().get(0).inputSize());
    }

    @Test
    void kerasThreeBuildConfigGivesTheInputWidth() throws ModelFormatException {
        Sequential model = build("{'module': 'keras', 'class_name': 'Sequential', 'config': {'name': 's', 'layers': ["
                + "{'module': 'keras.layers', 'class_name': 'Dense', 'config': {'name': 'dense', 'units': 3, "
                + "'dtype': {'module': 'keras', 'class_name': 'DTypePolicy', 'config': {'name': 'float32'}, "
                + "'registered_name': null}}, 'registered_name': null}]}, 'registered_name': null, "
                + "'build_config': {'input_shape': [null, 9]}}");
        assertEquals(9, model.layers().get(0).inputSize());
    }

    @Test
    void leakyReluStringHasKerasSlopeOfPointTwo() throws ModelFormatException {
        Sequential model = build("{'class_name': 'Sequential', 'config': {'layers': [{'class_name': 'Activation', "
                + "'config': {'name': 'a', 'activation': 'leaky_relu', 'batch_input_shape': [null, 1]}}]}}");
        assertEquals(-0.2, model.predict(Nd4j.create(new float[][] {{-1f}})).getDouble(0, 0), 1e-7);
    }

    @Test
    void kerasTwoHardSigmoidIsRefusedAsItDiffersFromKerasThree() throws ModelFormatException {
        String config = "{'class_name': 'Sequential', 'config': {'layers': [{'class_name': 'Dense', 'config': {"
                + "'name': 'd', 'units': 2, 'batch_input_shape': [null, 3], 'activation': 'hard_sigmoid'}}]}, "
                + "'keras_version': 'VERSION'}";
        refused(config.replace("VERSION", "2.4.0"), "layer 'd'", "Keras 2.4.0's hard_sigmoid", "clip(0.2x + 0.5");
        assertEquals("hard_sigmoid", build(config.replace("VERSION", "3.1.0")).layers().get(0).activation().name());
    }

    @Test
    void linearFunctionalChainLoadsInCallOrder() throws ModelFormatException {
        Sequential model = build(functional(node2("second", "first") + "," + INPUT2 + "," + node2("first", "in"),
                "[['in', 0, 0]]", "[['second', 0, 0]]"));
        assertEquals(List.of("first", "second"), model.layers().stream().map(l -> l.name()).toList());
        assertEquals(4, model.layers().get(0).inputSize());
    }

    @Test
    void regularizersAreKeptWithOrWithoutTrainedWeights() throws ModelFormatException {
        String chain = functional(INPUT2 + "," + node2("first", "in"), "[['in', 0, 0]]", "[['first', 0, 0]]");
        assertEquals(4, ModelJson.fromKerasJson(chain.replace('\'', '"'), 1).inputSize());
        String regularized = chain.replace("'units': 2", "'units': 2, 'kernel_regularizer': {'class_name': 'L2', "
                + "'config': {'l2': 0.01}}").replace('\'', '"');
        Dense toTrain = (Dense) ModelJson.fromKerasJson(regularized, 1).layers().get(0);
        assertEquals(new L2(0.01), toTrain.kernelRegularizer());
        Dense loaded = (Dense) KerasModelFiles.build(KerasConfigNormalizer.normalize(json(regularized), "w.json"),
                1 << 20).layers().get(0);
        assertEquals(new L2(0.01), loaded.kernelRegularizer(), "fit goes on training with Keras's penalty");
    }

    @Test
    void kerasThreeNodeFormIsFollowed() throws ModelFormatException {
        String dense = "{'class_name': 'Dense', 'name': 'd', 'config': {'name': 'd', 'units': 2}, 'inbound_nodes': "
                + "[{'args': [{'class_name': '__keras_tensor__', 'config': {'shape': [null, 4], 'dtype': 'float32', "
                + "'keras_history': ['in', 0, 0]}}], 'kwargs': {'mask': null}}]}";
        Sequential model = build(functional(INPUT2 + "," + dense, "['in', 0, 0]", "['d', 0, 0]"));
        assertEquals(2, model.layers().get(0).outputSize());
    }

    @Test
    void branchingModelIsRefused() {
        refused(functional(INPUT2 + "," + node2("a", "in") + "," + node2("b", "in"), "[['in', 0, 0]]",
                "[['a', 0, 0]]"), "feeds both 'a' and 'b'", "single chain");
    }

    @Test
    void twoInputsAreRefused() {
        refused(functional(INPUT2 + "," + node2("a", "in"), "[['in', 0, 0], ['in', 0, 0]]", "[['a', 0, 0]]"),
                "one input and one output");
    }

    @Test
    void sharedLayerIsRefused() {
        String twice = "{'class_name': 'Dense', 'name': 'a', 'config': {'name': 'a', 'units': 4}, 'inbound_nodes': "
                + "[[['in', 0, 0, {}]], [['a', 0, 0, {}]]]}";
        refused(functional(INPUT2 + "," + twice, "[['in', 0, 0]]", "[['a', 1, 0]]"), "called 2 times");
    }

    @Test
    void dropoutForcedOnAtInferenceIsRefused() {
        String dropout = "{'class_name': 'Dropout', 'name': 'd', 'config': {'name': 'd', 'rate': 0.5}, "
                + "'inbound_nodes': [[['in', 0, 0, {'training': true}]]]}";
        refused(functional(INPUT2 + "," + dropout, "[['in', 0, 0]]", "[['d', 0, 0]]"), "training", "does not read");
    }

    @Test
    void unsupportedLayerIsRefusedWithClassNamePositionAndSupportedList() {
        ModelFormatException e = refused("{'class_name': 'Sequential', 'config': {'layers': [" + DENSE + ", {"
                + "'class_name': 'Conv2D', 'config': {'name': 'conv2d_1', 'filters': 3}}]}}",
                "unknown layer class_name 'Conv2D'", "conv2d_1", "Lamina reads Dense");
        assertTrue(e.jsonPath().contains("layers[1]"), e.jsonPath());
    }

    @Test
    void imageModelIsRefusedNamingItsLayersRatherThanOnlyItsShape() {
        refused("{'class_name': 'Sequential', 'config': {'layers': [{'class_name': 'InputLayer', 'config': {'name': "
                + "'in', 'batch_shape': [null, 8, 8, 1]}}, {'class_name': 'Conv2D', 'config': {'name': 'conv2d', "
                + "'filters': 2}}, " + DENSE + "]}}", "[null,8,8,1]", "Conv2D 'conv2d' (position 1)");
    }

    @Test
    void nestedModelIsRefused() {
        refused("{'class_name': 'Sequential', 'config': {'layers': [{'class_name': 'Sequential', 'config': {"
                + "'name': 'inner', 'layers': []}}]}}", "nested Sequential");
    }

    @Test
    void mixedPrecisionPolicyIsRefused() {
        refused("{'class_name': 'Sequential', 'config': {'layers': [{'class_name': 'Dense', 'config': {'name': 'd', "
                + "'units': 2, 'dtype': {'class_name': 'DTypePolicy', 'config': {'name': 'mixed_float16'}}}}]}}",
                "mixed_float16", "float32");
    }

    @Test
    void otherModelClassesAreRefused() {
        refused("{'class_name': 'Conv2D', 'config': {}}", "Sequential models and Functional models");
    }

    @Test
    void architectureWithoutInputWidthIsRefusedWithTheFix() {
        refused("{'class_name': 'Sequential', 'config': {'layers': [" + DENSE + "]}}", "input width",
                "keras.Input");
    }

    @Test
    void unknownCustomActivationKeepsItsRegistrationHint() {
        UnknownActivationException e = assertThrows(UnknownActivationException.class, () -> build(
                "{'class_name': 'Sequential', 'config': {'layers': [{'class_name': 'Dense', 'config': {'name': 'd', "
                + "'units': 2, 'batch_input_shape': [null, 3], 'activation': {'module': 'builtins', 'class_name': "
                + "'function', 'config': 'maFonction', 'registered_name': 'function'}}}]}}"));
        assertTrue(e.getMessage().contains("Activations.register(\"maFonction\""), e.getMessage());
    }

    @Test
    void snakeCaseFollowsKerasNaming() {
        assertEquals(List.of("dense", "batch_normalization", "re_lu", "leaky_re_lu", "p_re_lu", "elu", "input_layer"),
                List.of("Dense", "BatchNormalization", "ReLU", "LeakyReLU", "PReLU", "ELU", "InputLayer").stream()
                        .map(KerasWeightsReader::snakeCase).toList());
        assertFalse(KerasWeightsReader.snakeCase("GaussianNoise").contains("N"));
    }
}
