package dev.lamina.serialization;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A minimal HDF5 writer for exactly what Keras 3's weight files hold: nested groups, contiguous little-endian
 * float32/float64 datasets (any rank, scalars included), int64 scalars, and variable-length UTF-8 string attributes
 * on groups. Nothing is compressed or chunked.
 *
 * <p>The file uses the HDF5 1.8 structures (superblock version 2, version-2 object headers with checksums, links
 * stored in the group's header), which h5py, the HDF5 library and jHDF read. String attributes live in one global
 * heap collection at the end of the file, as h5py writes Python {@code str} attributes. Why our own writer rather than
 * jHDF's: jHDF 0.10.0 writes its version record over the last objects of the file when a group follows a dataset
 * (h5py then reports "bad object header version number"), writes strings as fixed-length ASCII, and adds a
 * {@code _jHDF} attribute to the root. The bytes are laid out by {@link Hdf5Encoder}.
 *
 * <pre>{@code
 * Hdf5Writer.Group root = new Hdf5Writer.Group();
 * Hdf5Writer.Group vars = root.group("layers").group("dense").group("vars");
 * vars.attribute("name", "dense");
 * vars.float32("0", new long[] {3, 2}, kernelValues);
 * byte[] file = root.toBytes();
 * }</pre>
 */
final class Hdf5Writer {

    private Hdf5Writer() {
    }

    /** The element type of a dataset. */
    enum Type {
        FLOAT32, FLOAT64, INT64
    }

    /** An HDF5 object: a group or a dataset, placed in the file when it is written. */
    abstract static class Node {
        long address;
    }

    /** A dataset: a type, a shape ({@code []} for a scalar) and its values, little-endian, row-major. */
    static final class Dataset extends Node {
        final Type type;
        final long[] shape;
        final byte[] data;
        long dataAddress;

        Dataset(Type type, long[] shape, byte[] data) {
            this.type = type;
            this.shape = shape.clone();
            this.data = data;
        }
    }

    /** A group: named children (groups or datasets) and string attributes, both kept in the order added. */
    static final class Group extends Node {
        final Map<String, Node> children = new LinkedHashMap<>();
        final Map<String, String> attributes = new LinkedHashMap<>();
        final Map<String, long[]> heapIds = new LinkedHashMap<>();

        /** The child group {@code name}, created if absent. */
        Group group(String name) {
            Node existing = children.get(checkName(name));
            if (existing instanceof Group group) {
                return group;
            }
            if (existing != null) {
                throw new IllegalArgumentException("'" + name + "' is already a dataset in this group");
            }
            Group group = new Group();
            children.put(name, group);
            return group;
        }

        /** Sets a string attribute (stored as a variable-length UTF-8 string, as h5py stores {@code str}). */
        Group attribute(String name, String value) {
            checkName(name);
            if (value == null) {
                throw new IllegalArgumentException("attribute '" + name + "' has no value");
            }
            attributes.put(name, value);
            return this;
        }

        /** Adds a float32 dataset of {@code shape} holding {@code values} in row-major order. */
        Group float32(String name, long[] shape, float[] values) {
            ByteBuffer bytes = buffer(values.length, 4);
            bytes.asFloatBuffer().put(values);
            return dataset(name, Type.FLOAT32, shape, values.length, bytes.array());
        }

        /** Adds a float64 dataset of {@code shape} holding {@code values} in row-major order. */
        Group float64(String name, long[] shape, double[] values) {
            ByteBuffer bytes = buffer(values.length, 8);
            bytes.asDoubleBuffer().put(values);
            return dataset(name, Type.FLOAT64, shape, values.length, bytes.array());
        }

        /** Adds a scalar int64 dataset. */
        Group int64(String name, long value) {
            ByteBuffer bytes = buffer(1, 8);
            bytes.putLong(value);
            return dataset(name, Type.INT64, new long[0], 1, bytes.array());
        }

        private Group dataset(String name, Type type, long[] shape, long count, byte[] data) {
            long expected = 1;
            for (long d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException("dataset '" + name + "': negative dimension in shape "
                            + java.util.Arrays.toString(shape));
                }
                expected = Math.multiplyExact(expected, d);
            }
            if (expected != count) {
                throw new IllegalArgumentException("dataset '" + name + "': shape " + java.util.Arrays.toString(shape)
                        + " holds " + expected + " values, got " + count);
            }
            if (children.containsKey(checkName(name))) {
                throw new IllegalArgumentException("'" + name + "' already exists in this group");
            }
            children.put(name, new Dataset(type, shape, data));
            return this;
        }

        /** The whole file, with this group as its root. */
        byte[] toBytes() {
            return new Hdf5Encoder(this).write();
        }
    }

    private static ByteBuffer buffer(int count, int width) {
        return ByteBuffer.allocate(Math.multiplyExact(count, width)).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static String checkName(String name) {
        if (name == null || name.isEmpty() || name.contains("/") || name.equals(".")) {
            throw new IllegalArgumentException("An HDF5 name must be non-empty and contain no '/'. Received: "
                    + (name == null ? "null" : "'" + name + "'"));
        }
        return name;
    }

}
