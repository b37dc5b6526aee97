package dev.lamina.serialization;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lamina.layers.Sequential;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Lamina's model file: one JSON document (format {@code lamina-model}, version 1) holding the architecture in
 * Keras's model-config shape, every weight as base64 little-endian float32 (bit-exact), the compile settings and the
 * optimizer state. {@code Sequential.save/load} delegate here. The format is described in
 * {@code docs/model-format.md}.
 *
 * <pre>{@code
 * ModelJson.save(model, Path.of("reviews.json"));
 * Activations.register("maFonction", x -> x.mul(Transforms.sigmoid(x.mul(1.5))));   // in another program
 * Sequential loaded = ModelJson.load(Path.of("reviews.json"));
 * }</pre>
 *
 * <p>What loading trusts: nothing. Layer types come from an allow-list (Dense, Activation, Dropout, InputLayer and
 * the element-wise layers of {@code docs/model-format.md}), no class name in the file is ever turned into a Java class, sizes are checked against the file's length before any
 * allocation, duplicate keys and unknown fields are errors, and files above {@link #DEFAULT_MAX_BYTES} are refused
 * unless a larger limit is passed. Every problem raises {@link ModelFormatException} with its JSON path, except an
 * unregistered custom activation, which raises {@link dev.lamina.core.activation.UnknownActivationException}.
 */
public final class ModelJson {

    /** Files larger than this (256 MiB) are refused by {@link #load(Path)}. */
    public static final long DEFAULT_MAX_BYTES = 256L << 20;

    private ModelJson() {
    }

    static ObjectMapper mapper(long maxBytes) {
        JsonMapper mapper = JsonMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength((int) Math.min(Integer.MAX_VALUE, Math.max(1 << 20, maxBytes)))
                .maxNestingDepth(64)
                .maxNumberLength(64)
                .build());
        return mapper;
    }

    /** The model as a JSON string. */
    public static String toJson(Sequential model) {
        try {
            return mapper(DEFAULT_MAX_BYTES).writeValueAsString(ModelWriter.write(model));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the model as JSON", e);
        }
    }

    /** Saves atomically: a failure at any point leaves an existing file intact and no temporary file behind. */
    public static void save(Sequential model, Path path) throws IOException {
        byte[] bytes = toJson(model).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(path, out -> out.write(bytes));
    }

    /** Loads a model file of at most {@link #DEFAULT_MAX_BYTES}. */
    public static Sequential load(Path path) throws IOException {
        return load(path, DEFAULT_MAX_BYTES);
    }

    /** Loads a model file of at most {@code maxBytes}. */
    public static Sequential load(Path path, long maxBytes) throws IOException {
        return fromJson(readLimited(path, maxBytes), maxBytes);
    }

    /** Reads a model from a JSON string. */
    public static Sequential fromJson(String json) throws ModelFormatException {
        return fromJson(json.getBytes(StandardCharsets.UTF_8), DEFAULT_MAX_BYTES);
    }

    static Sequential fromJson(byte[] json, long maxBytes) throws ModelFormatException {
        return fromTree(parse(json, maxBytes), json.length);
    }

    /** A Lamina model from its parsed document; {@code sourceBytes} is the file's length, for the size check. */
    static Sequential fromTree(JsonNode root, long sourceBytes) throws ModelFormatException {
        try {
            return ModelReader.read(root, sourceBytes);
        } catch (ModelFormatException | dev.lamina.core.activation.UnknownActivationException e) {
            throw e;
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            throw new ModelFormatException("", "the model described by the file is invalid: " + e.getMessage(), e);
        }
    }

    static JsonNode parse(byte[] json, long maxBytes) throws ModelFormatException {
        if (json.length > maxBytes) {
            throw new ModelFormatException("", "the file is " + json.length + " bytes, over the limit of " + maxBytes
                    + "; pass a larger limit to ModelJson.load(path, maxBytes) if you trust it");
        }
        try {
            JsonNode root = mapper(maxBytes).readTree(json);
            if (root == null || root.isMissingNode()) {
                throw new ModelFormatException("$", "the file is empty");
            }
            return root;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new ModelFormatException("$", "not valid JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ModelFormatException("$", "could not read the JSON: " + e.getMessage(), e);
        }
    }

    static byte[] readLimited(Path path, long maxBytes) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no model file here; save one with model.save(path)");
        }
        long size = Files.size(path);
        if (size > maxBytes) {
            throw new ModelFormatException("", path + " is " + size + " bytes, over the limit of " + maxBytes
                    + "; pass a larger limit to ModelJson.load(path, maxBytes) if you trust it");
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes((int) maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new ModelFormatException("", path + " grew past the limit of " + maxBytes + " bytes while read");
            }
            return bytes;
        }
    }

    /**
     * Reads the architecture JSON that Keras's {@code model.to_json()} writes (Keras 1.2 to 3) for a Sequential, or a
     * Functional model that is a single chain, of the layers {@code Sequential.load} reads (Dense, Activation,
     * Dropout, InputLayer, BatchNormalization, Normalization, LeakyReLU, ReLU, ELU, Softmax, PReLU, GaussianNoise,
     * GaussianDropout, AlphaDropout, Flatten). The weights are freshly initialised from {@code seed}; to load trained
     * weights too, use {@code Sequential.load(Path.of("model.json"), Path.of("model.weights.h5"))}.
     */
    public static Sequential fromKerasJson(String json, long seed) throws ModelFormatException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return KerasImport.fromKerasJson(parse(bytes, DEFAULT_MAX_BYTES), seed);
    }

    /**
     * Loads a TensorFlow.js Layers model: {@code model.json} with its {@code weightsManifest}, and the binary weight
     * files beside it.
     */
    public static Sequential loadTfjs(Path modelJson) throws IOException {
        byte[] bytes = readLimited(modelJson, DEFAULT_MAX_BYTES);
        return KerasImport.fromTfjs(parse(bytes, DEFAULT_MAX_BYTES), modelJson.toAbsolutePath().getParent());
    }
}
