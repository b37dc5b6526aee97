package dev.lamina.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.core.optimizer.SGD;
import dev.lamina.layers.AlphaDropout;
import dev.lamina.layers.Dense;
import dev.lamina.layers.ELU;
import dev.lamina.layers.FitOptions;
import dev.lamina.layers.Flatten;
import dev.lamina.layers.GaussianDropout;
import dev.lamina.layers.GaussianNoise;
import dev.lamina.layers.InputLayer;
import dev.lamina.layers.Layer;
import dev.lamina.layers.LeakyReLU;
import dev.lamina.layers.PReLU;
import dev.lamina.layers.ReLU;
import dev.lamina.layers.Sequential;
import dev.lamina.layers.Softmax;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The element-wise layers in Lamina's file, in Keras 3's JSON and in Keras 2's names; bad configs name their path. */
class ElementwiseLayerJsonTest {

    private static Sequential everyLayer() {
        Sequential model = new Sequential("element_layers").seed(3);
        model.add(new InputLayer(4));
        model.add(new Dense(5, "linear"));
        model.add(new LeakyReLU(0.1));
        model.add(new ReLU(6.0, 0.05, 0.5));
        model.add(new ELU(0.5));
        model.add(new PReLU().alphaInitializer("random_uniform"));
        model.add(new GaussianNoise(0.1).seed(7));
        model.add(new GaussianDropout(0.2));
        model.add(new AlphaDropout(0.1).seed(8).name("alpha"));
        model.add(new Flatten("channels_first"));
        model.add(new Dense(3));
        model.add(new Softmax());
        return model;
    }

    private static JsonNode layerConfig(String json, int index) throws Exception {
        JsonNode doc = ModelJson.mapper(ModelJson.DEFAULT_MAX_BYTES).readTree(json);
        return doc.get("model_config").get("config").get("layers").get(index).get("config");
    }

    @Test
    void everyLayerRoundTripsWithItsConfigWeightsAndPredictions() throws Exception {
        Sequential model = everyLayer();
        model.compile(new SGD(0.01), "categorical_crossentropy");
        INDArray x = Nd4j.rand(DataType.FLOAT, 12, 4);
        model.fit(x, Nd4j.eye(3).castTo(DataType.FLOAT).repeat(0, 4), FitOptions.epochs(1).verbose(0));
        String json = ModelJson.toJson(model);
        Sequential loaded = ModelJson.fromJson(json);
        assertEquals(json, ModelJson.toJson(loaded));
        assertEquals(model.predict(x), loaded.predict(x));
        assertEquals(model.layers().stream().map(Layer::toString).toList(),
                loaded.layers().stream().map(Layer::toString).toList());
        assertEquals(8L, ((AlphaDropout) loaded.layers().get(7)).seed());
        assertEquals(null, ((GaussianDropout) loaded.layers().get(6)).seed());
        assertEquals("random_uniform", ((PReLU) loaded.layers().get(4)).alphaInitializer().name());

        assertEquals(0.1, layerConfig(json, 1).get("negative_slope").doubleValue());
        JsonNode relu = layerConfig(json, 2);
        assertEquals(List.of(6.0, 0.05, 0.5), List.of(relu.get("max_value").doubleValue(),
                relu.get("negative_slope").doubleValue(), relu.get("threshold").doubleValue()));
        assertEquals(0.5, layerConfig(json, 3).get("alpha").doubleValue());
        JsonNode prelu = layerConfig(json, 4);
        assertEquals("RandomUniform", prelu.get("alpha_initializer").get("class_name").textValue());
        assertTrue(prelu.get("shared_axes").isNull() && prelu.get("alpha_regularizer").isNull()
                && prelu.get("alpha_constraint").isNull(), prelu.toString());
        assertEquals(7, layerConfig(json, 5).get("seed").longValue());
        assertTrue(layerConfig(json, 6).get("seed").isNull());
        assertTrue(layerConfig(json, 7).get("noise_shape").isNull());
        assertEquals("channels_first", layerConfig(json, 8).get("data_format").textValue());
        assertEquals(-1, layerConfig(json, 10).get("axis").intValue());
        JsonNode alpha = ModelJson.mapper(ModelJson.DEFAULT_MAX_BYTES).readTree(json).get("weights").get(2);
        assertEquals("p_re_lu/alpha", alpha.get("name").textValue());
        assertEquals("[5]", alpha.get("shape").toString());
    }

    @Test
    void aWeightlessFirstLayerCarriesTheInputWidth() throws Exception {
        Sequential model = new Sequential(new InputLayer(4), new LeakyReLU(), new Dense(1, "sigmoid"));
        String json = ModelJson.toJson(model);
        assertEquals("[null,4]", layerConfig(json, 0).get("batch_input_shape").toString());
        Sequential loaded = ModelJson.fromJson(json);
        assertTrue(loaded.isBuilt());
        assertEquals(4, loaded.inputSize());
        assertEquals(model.getWeights(), loaded.getWeights());
    }

    @Test
    void readsKeras3Json() throws Exception {
        String json = new String(getClass().getResourceAsStream("/keras-reference/keras3_model.json").readAllBytes());
        Sequential model = ModelJson.fromKerasJson(json, 1);
        assertEquals(List.of("Dense", "LeakyReLU", "ReLU", "ELU", "PReLU", "GaussianNoise", "GaussianDropout",
                "AlphaDropout", "Flatten", "Dense", "Softmax"), model.layers().stream().map(Layer::className).toList());
        assertEquals(5, model.inputSize());
        assertEquals(5 * 4 + 4 + 4 + 4 * 3 + 3, model.countParams());
        assertEquals(0.3, ((LeakyReLU) model.layers().get(1)).negativeSlope());
        ReLU relu = (ReLU) model.layers().get(2);
        assertEquals(List.of(6.0, 0.1, 0.5), List.of(relu.maxValue(), relu.negativeSlope(), relu.threshold()));
        assertEquals(0.5, ((ELU) model.layers().get(3)).alpha());
        assertEquals("zeros", ((PReLU) model.layers().get(4)).alphaInitializer().name());
        assertEquals(3L, ((GaussianNoise) model.layers().get(5)).seed());
        assertEquals(0.2, ((GaussianDropout) model.layers().get(6)).rate());
        assertEquals(4L, ((AlphaDropout) model.layers().get(7)).seed());
        assertEquals("p_re_lu", model.layers().get(4).name());
        assertEquals(1.0, model.predict(Nd4j.rand(DataType.FLOAT, 2, 5)).sum(1).getDouble(0), 1e-6);
    }

    /** tf.keras 2's names, as its get_config writes them: LeakyReLU's slope is alpha, the input batch_input_shape. */
    private static final String KERAS_2 = """
            {"class_name": "Sequential", "config": {"name": "keras2", "layers": [
              {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 3], "dtype": "float32",
                "sparse": false, "ragged": false, "name": "input_1"}},
              {"class_name": "LeakyReLU", "config": {"name": "leaky", "trainable": true, "dtype": "float32",
                "alpha": 0.1}},
              {"class_name": "ELU", "config": {"name": "elu", "trainable": true, "dtype": "float32", "alpha": 0.5}},
              {"class_name": "ReLU", "config": {"name": "re_lu", "trainable": true, "dtype": "float32",
                "max_value": null, "negative_slope": 0.0, "threshold": 0.0}},
              {"class_name": "PReLU", "config": {"name": "p_re_lu", "trainable": true, "dtype": "float32",
                "alpha_initializer": {"class_name": "Zeros", "config": {}}, "alpha_regularizer": null,
                "alpha_constraint": null, "shared_axes": null}},
              {"class_name": "GaussianNoise", "config": {"name": "noise", "trainable": true, "dtype": "float32",
                "stddev": 0.1}},
              {"class_name": "GaussianDropout", "config": {"name": "gd", "trainable": true, "dtype": "float32",
                "rate": 0.2}},
              {"class_name": "AlphaDropout", "config": {"name": "ad", "trainable": true, "dtype": "float32",
                "rate": 0.1, "seed": null}},
              {"class_name": "Flatten", "config": {"name": "flatten", "trainable": true, "dtype": "float32",
                "data_format": "channels_last"}},
              {"class_name": "Dense", "config": {"name": "dense", "units": 2}},
              {"class_name": "Softmax", "config": {"name": "softmax", "trainable": true, "dtype": "float32",
                "axis": -1}}]}}""";

    @Test
    void readsKeras2Names() throws Exception {
        Sequential model = ModelJson.fromKerasJson(KERAS_2, 1);
        assertEquals(3, model.inputSize());
        assertEquals(0.1, ((LeakyReLU) model.layers().get(0)).negativeSlope());
        assertEquals(0.5, ((ELU) model.layers().get(1)).alpha());
        assertEquals(Double.POSITIVE_INFINITY, ((ReLU) model.layers().get(2)).maxValue());
        assertEquals(null, ((GaussianNoise) model.layers().get(4)).seed());
        assertEquals(3 + 3 * 2 + 2, model.countParams());
    }

    private static ModelFormatException rejects(String className, String config) {
        String json = "{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"" + className
                + "\", \"config\": {\"batch_input_shape\": [null, 4]" + (config.isEmpty() ? "" : ", " + config)
                + "}}]}}";
        return assertThrows(ModelFormatException.class, () -> ModelJson.fromKerasJson(json, 1));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "LeakyReLU | \"negative_slope\": -1 | config.layers[0].config.negative_slope | negative_slope=-1.0",
        "LeakyReLU | \"negative_slope\": 0.2, \"alpha\": 0.2 | config.layers[0].config.alpha | not both",
        "ReLU | \"threshold\": -0.5 | config.layers[0].config | threshold=-0.5",
        "ELU | \"beta\": 1 | config.layers[0].config.beta | unexpected field",
        "Softmax | \"axis\": 0 | config.layers[0].config.axis | across the batch",
        "Softmax | \"axis\": [0, 1] | config.layers[0].config.axis | one axis",
        "PReLU | \"shared_axes\": [1] | config.layers[0].config.shared_axes | only null",
        "PReLU | \"alpha_regularizer\": {\"class_name\": \"L2\"} | config.layers[0].config.alpha_regularizer "
                + "| only null",
        "PReLU | \"alpha_initializer\": \"Orthogonal\" | config.layers[0].config.alpha_initializer | unknown",
        "GaussianNoise | \"stddev\": 2 | config.layers[0].config.stddev | stddev=2.0",
        "GaussianNoise | '' | config.layers[0].config.stddev | expected a number",
        "GaussianDropout | \"rate\": 1 | config.layers[0].config.rate | rate=1.0",
        "AlphaDropout | \"rate\": 0.1, \"noise_shape\": [null, 4] | config.layers[0].config.noise_shape | only null",
        "AlphaDropout | \"rate\": 0.1, \"seed\": 1.5 | config.layers[0].config.seed | expected an integer",
        "Flatten | \"data_format\": \"nchw\" | config.layers[0].config.data_format | nchw",
        "Conv2D | '' | config.layers[0].class_name | Lamina reads Dense, Activation, Dropout, BatchNormalization, "
                + "Normalization, InputLayer, "
                + "AlphaDropout, ELU, Flatten"})
    void badConfigsNameTheirJsonPath(String className, String config, String path, String message) {
        ModelFormatException e = rejects(className, config);
        assertTrue(e.getMessage().startsWith(path + ":"), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void anInputLayerWithUnknownKeysOrRaggedRowsIsRefused() {
        String prefix = "{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"InputLayer\", "
                + "\"config\": {\"batch_shape\": [null, 4], ";
        String suffix = "}}, {\"class_name\": \"ReLU\", \"config\": {}}]}}";
        ModelFormatException ragged = assertThrows(ModelFormatException.class,
                () -> ModelJson.fromKerasJson(prefix + "\"ragged\": true" + suffix, 1));
        assertTrue(ragged.getMessage().startsWith("config.layers[0].config.ragged: InputLayer takes ragged tensors"),
                ragged.getMessage());
        ModelFormatException unknown = assertThrows(ModelFormatException.class,
                () -> ModelJson.fromKerasJson(prefix + "\"shape\": [4]" + suffix, 1));
        assertTrue(unknown.getMessage().startsWith("config.layers[0].config.shape: unexpected field"),
                unknown.getMessage());
    }

    @Test
    void preluWeightsCountInTheSizeCheckBeforeAnythingIsAllocated() throws Exception {
        String json = ModelJson.toJson(new Sequential(new InputLayer(4), new PReLU()));
        ObjectNode doc = (ObjectNode) ModelJson.mapper(ModelJson.DEFAULT_MAX_BYTES).readTree(json);
        ObjectNode first = (ObjectNode) doc.get("model_config").get("config").get("layers").get(0).get("config");
        first.putArray("batch_input_shape").addNull().add(100_000_000);
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelJson.fromJson(doc.toString()));
        assertTrue(e.getMessage().contains("needs 100000000 weights"), e.getMessage());
    }
}
