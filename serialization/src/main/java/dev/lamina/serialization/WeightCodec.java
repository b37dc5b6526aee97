package dev.lamina.serialization;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Weights as base64 of little-endian float32 (or float64), row-major: bit-exact in both directions. */
final class WeightCodec {

    private WeightCodec() {
    }

    static String encode(INDArray array) {
        INDArray c = array.dup('c');
        int width = array.dataType() == DataType.DOUBLE ? 8 : 4;
        ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(c.length() * width)).order(ByteOrder.LITTLE_ENDIAN);
        if (width == 8) {
            bytes.asDoubleBuffer().put(c.data().asDouble());
        } else {
            bytes.asFloatBuffer().put(c.castTo(DataType.FLOAT).data().asFloat());
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    static String dtypeName(DataType type) {
        return type == DataType.DOUBLE ? "float64" : "float32";
    }

    /** Decodes {@code base64} into an array of {@code shape}; checks the length before allocating the array. */
    static INDArray decode(String base64, long[] shape, String dtype, JsonCursor at) throws ModelFormatException {
        int width = switch (dtype) {
            case "float32" -> 4;
            case "float64" -> 8;
            default -> throw at.error("unsupported dtype '" + dtype + "'; expected float32 or float64");
        };
        long count = 1;
        for (long d : shape) {
            count = Math.multiplyExact(count, d);
        }
        long expectedChars = (count * width + 2) / 3 * 4;
        if (base64.length() != expectedChars) {
            throw at.error("holds " + base64.length() + " base64 characters but shape " + java.util.Arrays.toString(shape)
                    + " of " + dtype + " needs " + expectedChars);
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw at.error("is not valid base64 (" + e.getMessage() + ")");
        }
        ByteBuffer bytes = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        INDArray array;
        if (width == 8) {
            double[] values = new double[(int) count];
            bytes.asDoubleBuffer().get(values);
            checkFinite(values, at);
            array = Nd4j.create(values, shape, DataType.DOUBLE);
        } else {
            float[] values = new float[(int) count];
            bytes.asFloatBuffer().get(values);
            for (int i = 0; i < values.length; i++) {
                if (!Float.isFinite(values[i])) {
                    throw at.error("value " + i + " is " + values[i] + "; weights must be finite");
                }
            }
            array = Nd4j.create(values, shape, 'c');
        }
        return array;
    }

    private static void checkFinite(double[] values, JsonCursor at) throws ModelFormatException {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw at.error("value " + i + " is " + values[i] + "; weights must be finite");
            }
        }
    }
}
