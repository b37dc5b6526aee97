package dev.lamina.serialization;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An HDF5 file held in memory and read through jhdf (pure Java), with every jhdf call guarded: whatever jhdf throws on a
 * corrupt file (its own exceptions, any runtime exception, a stack overflow on cyclic structures) becomes a
 * {@link ModelFormatException} naming the file and the HDF5 path. A dataset's type and shape are checked against what
 * the layer needs before its data is read.
 *
 * <pre>{@code
 * try (Hdf5Reader h5 = Hdf5Reader.open(bytes, "model.h5")) {
 *     String config = h5.stringAttribute(h5.root(), "model_config");
 * }
 * }</pre>
 */
final class Hdf5Reader implements AutoCloseable {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private final HdfFile file;
    private final String fileName;

    private Hdf5Reader(HdfFile file, String fileName) {
        this.file = file;
        this.fileName = fileName;
    }

    /** Whether {@code bytes} hold the HDF5 signature at offset 0, 512, 1024, 2048, ... (a user block before it). */
    static boolean isHdf5(byte[] bytes) {
        for (long offset = 0; offset + SIGNATURE.length <= bytes.length; offset = offset == 0 ? 512 : offset * 2) {
            if (Arrays.equals(bytes, (int) offset, (int) offset + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
                return true;
            }
        }
        return false;
    }

    /** Opens an HDF5 file from its bytes; {@code fileName} names it in error messages. */
    static Hdf5Reader open(byte[] bytes, String fileName) throws ModelFormatException {
        if (!isHdf5(bytes)) {
            throw new ModelFormatException(fileName, "not an HDF5 file (no HDF5 signature at offset 0, 512, 1024, ...)");
        }
        HdfFile file = guard(fileName, "/", "opening the HDF5 file", () -> HdfFile.fromBytes(bytes));
        long end = guard(fileName, "/", "reading the superblock", () -> {
            io.jhdf.Superblock superblock = file.getHdfBackingStorage().getSuperblock();
            return superblock.getEndOfFileAddress(); // h5py writes it as the whole file's length, user block included
        });
        if (end > bytes.length || end < 0) {
            file.close();
            throw new ModelFormatException(fileName, "the HDF5 file is truncated: its superblock says it ends at byte "
                    + end + " but it has " + bytes.length + " bytes; copy or download it again");
        }
        return new Hdf5Reader(file, fileName);
    }

    /** The name of the file, for messages. */
    String fileName() {
        return fileName;
    }

    Group root() {
        return file;
    }

    /** The child group {@code name} of {@code parent}, or null when there is none (a dataset there is an error). */
    Group childGroup(Group parent, String name) throws ModelFormatException {
        Node child = child(parent, name);
        if (child == null) {
            return null;
        }
        if (!(child instanceof Group group)) {
            throw error(child.getPath(), "expected a group, found a dataset");
        }
        return group;
    }

    /** The node at the relative {@code path} (slash-separated) under {@code parent}, or null when absent. */
    Node resolve(Group parent, String path) throws ModelFormatException {
        Node node = parent;
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (!(node instanceof Group group)) {
                return null;
            }
            node = child(group, part);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    Node child(Group parent, String name) throws ModelFormatException {
        return guard(fileName, parent.getPath(), "reading the group", () -> parent.getChildren().get(name));
    }

    /** The names of a group's children, in HDF5's (alphabetical) order; for checks, never for layer order. */
    List<String> childNames(Group group) throws ModelFormatException {
        List<String> names = guard(fileName, group.getPath(), "reading the group",
                () -> new ArrayList<>(group.getChildren().keySet()));
        if (names.size() > Hdf5Limits.MAX_NAMES) {
            throw error(group.getPath(), names.size() + " children is more than the limit of " + Hdf5Limits.MAX_NAMES);
        }
        return names;
    }

    boolean hasAttribute(Node node, String name) throws ModelFormatException {
        return guard(fileName, node.getPath(), "reading attributes", () -> node.getAttributes().containsKey(name));
    }

    /** A scalar string attribute (fixed or variable length, ASCII or UTF-8), or null when absent. */
    String stringAttribute(Node node, String name) throws ModelFormatException {
        Attribute attribute = attribute(node, name);
        if (attribute == null) {
            return null;
        }
        Object data = guard(fileName, node.getPath(), "reading attribute '" + name + "'", attribute::getData);
        if (data instanceof String text) {
            return text;
        }
        if (data instanceof String[] texts && texts.length == 1) {
            return texts[0];
        }
        if (data instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        throw error(node.getPath() + "@" + name, "expected a string attribute, found " + describe(data));
    }

    /**
     * A string-array attribute ({@code layer_names}, {@code weight_names}: fixed-length ASCII in Keras 1.2-2.4,
     * variable-length from tf.keras 2.5 on); an empty list for Keras's empty (float) array, null when absent.
     */
    List<String> stringsAttribute(Node node, String name) throws ModelFormatException {
        Attribute attribute = attribute(node, name);
        if (attribute == null) {
            return null;
        }
        Object data = guard(fileName, node.getPath(), "reading attribute '" + name + "'", attribute::getData);
        String where = node.getPath() + "@" + name;
        if (data == null) {
            return List.of(); // h5py writes an empty list as an empty float64 array, which jhdf reads as null
        }
        if (data instanceof String text) {
            return List.of(text);
        }
        if (!(data instanceof String[] texts)) {
            throw error(where, "expected an array of strings, found " + describe(data));
        }
        if (texts.length > Hdf5Limits.MAX_NAMES) {
            throw error(where, texts.length + " names is more than the limit of " + Hdf5Limits.MAX_NAMES);
        }
        for (String text : texts) {
            if (text == null) {
                throw error(where, "holds a null string");
            }
        }
        return List.of(texts);
    }

    /** Whether {@code node} has the names attribute {@code name}, whole or in Keras's chunks {@code name0, name1...}. */
    boolean hasNames(Node node, String name) throws ModelFormatException {
        return hasAttribute(node, name) || hasAttribute(node, name + "0");
    }

    /**
     * A names attribute ({@code layer_names}, {@code weight_names}) as Keras writes it: whole, or split into
     * {@code name0, name1, ...} when it would not fit in an HDF5 object header (64 KiB); null when absent.
     */
    List<String> names(Node node, String name) throws ModelFormatException {
        if (hasAttribute(node, name) || !hasAttribute(node, name + "0")) {
            return stringsAttribute(node, name);
        }
        List<String> all = new ArrayList<>();
        for (int chunk = 0; hasAttribute(node, name + chunk); chunk++) {
            all.addAll(stringsAttribute(node, name + chunk));
            if (all.size() > Hdf5Limits.MAX_NAMES) {
                throw error(node.getPath() + "@" + name, "more than " + Hdf5Limits.MAX_NAMES + " names");
            }
        }
        return all;
    }

    private Attribute attribute(Node node, String name) throws ModelFormatException {
        Attribute attribute = guard(fileName, node.getPath(), "reading attributes", () -> node.getAttribute(name));
        if (attribute == null) {
            return null;
        }
        long bytes = guard(fileName, node.getPath(), "reading attribute '" + name + "'", attribute::getSizeInBytes);
        if (bytes > Hdf5Limits.MAX_STRING_BYTES) {
            throw error(node.getPath() + "@" + name, "the attribute claims " + bytes + " bytes, more than the limit of "
                    + Hdf5Limits.MAX_STRING_BYTES);
        }
        return attribute;
    }

    /**
     * Reads the dataset at {@code node} as {@code expectedShape} in {@code dataType}, after checking that it is a float
     * dataset (or, when {@code integerAllowed}, an integer one such as Normalization's {@code count}) of that shape.
     * {@code what} names the weight in messages, e.g. {@code layer 'dense_1' kernel}.
     */
    INDArray read(Node node, long[] expectedShape, DataType dataType, boolean integerAllowed, String what)
            throws ModelFormatException {
        String where = node.getPath();
        if (!(node instanceof Dataset dataset)) {
            throw error(where, what + ": expected a dataset, found a group");
        }
        io.jhdf.object.datatype.DataType type = guard(fileName, where, "reading the dataset type",
                dataset::getDataType);
        int size = type.getSize();
        boolean floating = type instanceof FloatingPoint && (size == 4 || size == 8);
        boolean integer = type instanceof FixedPoint && size >= 1 && size <= 8;
        if (!floating && !(integer && integerAllowed)) {
            throw error(where, what + ": expected float32 or float64 values, found " + typeName(type, size));
        }
        int[] dimensions = guard(fileName, where, "reading the dataset shape", dataset::getDimensions);
        long[] shape = Arrays.stream(dimensions).asLongStream().toArray();
        long expectedLength = Arrays.stream(expectedShape).reduce(1, Math::multiplyExact);
        boolean scalarLike = expectedLength == 1 && shape.length <= 1 && expectedShape.length <= 1
                && Arrays.stream(shape).reduce(1, (a, b) -> a * b) == 1;
        if (!Arrays.equals(shape, expectedShape) && !scalarLike) {
            throw error(where, what + ": expected shape " + Arrays.toString(expectedShape) + " (from the layer config),"
                    + " found " + Arrays.toString(shape));
        }
        Object data = guard(fileName, where, "reading the dataset", dataset::getDataFlat);
        int length = (int) expectedLength;
        if (data instanceof float[] floats && floats.length == length) { // the usual case: no copy for float32 models
            for (float value : floats) {
                if (!Float.isFinite(value)) {
                    throw error(where, what + ": contains a non-finite value (" + value + ")");
                }
            }
            INDArray array = Nd4j.create(floats, expectedShape, 'c');
            return dataType == DataType.FLOAT ? array : array.castTo(dataType);
        }
        double[] values = new double[length];
        if (data instanceof double[] doubles && doubles.length == length) {
            System.arraycopy(doubles, 0, values, 0, length);
        } else if (data instanceof long[] longs && longs.length == length) {
            for (int i = 0; i < length; i++) {
                values[i] = longs[i];
            }
        } else if (data instanceof int[] ints && ints.length == length) {
            for (int i = 0; i < length; i++) {
                values[i] = ints[i];
            }
        } else if (data instanceof Number number && length == 1) {
            values[0] = number.doubleValue();
        } else {
            throw error(where, what + ": could not read " + expectedLength + " values, found " + describe(data));
        }
        for (double value : values) {
            if (!Double.isFinite(value)) {
                throw error(where, what + ": contains a non-finite value (" + value + ")");
            }
        }
        INDArray array = Nd4j.create(values, expectedShape, 'c');
        return dataType == DataType.DOUBLE ? array : array.castTo(dataType);
    }

    ModelFormatException error(String hdf5Path, String message) {
        return new ModelFormatException(fileName + ":" + tidy(hdf5Path), message);
    }

    /** jhdf ends group paths with '/': {@code /layers//dense_7} becomes {@code /layers/dense_7}. */
    private static String tidy(String hdf5Path) {
        String path = hdf5Path.replaceAll("/{2,}", "/").replace("/@", "@");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** Runs a jhdf call, turning whatever it throws on a corrupt file into a {@link ModelFormatException}. */
    static <T> T guard(String fileName, String hdf5Path, String doing, Supplier<T> call) throws ModelFormatException {
        try {
            return call.get();
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            String cause = e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getClass().getSimpleName() + ": " + truncate(e.getMessage());
            throw new ModelFormatException(fileName + ":" + tidy(hdf5Path), "the HDF5 file is corrupt or not one Keras "
                    + "writes (" + doing + " failed: " + cause + "); re-save the model with Keras", e);
        }
    }

    private static String truncate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private static String typeName(io.jhdf.object.datatype.DataType type, int size) {
        if (type instanceof FloatingPoint) {
            return "float" + size * 8;
        }
        if (type instanceof FixedPoint) {
            return "int" + size * 8;
        }
        return type.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " (" + size + " bytes)";
    }

    private static String describe(Object data) {
        if (data == null) {
            return "nothing";
        }
        if (data.getClass().isArray()) {
            return "an array of " + data.getClass().getComponentType().getSimpleName() + " ("
                    + java.lang.reflect.Array.getLength(data) + " items)";
        }
        return data.getClass().getSimpleName() + " " + truncate(String.valueOf(data));
    }

    @Override
    public void close() {
        try {
            file.close();
        } catch (RuntimeException e) {
            // closing an in-memory file releases nothing that could fail in a way the caller can act on
        }
    }
}
