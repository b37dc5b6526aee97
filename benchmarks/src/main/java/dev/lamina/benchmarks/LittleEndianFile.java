package dev.lamina.benchmarks;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file of raw little-endian int32 and float32 values, as numpy's {@code np.fromfile(path, dtype="<i4")} reads them.
 *
 * <pre>{@code
 * try (LittleEndianFile out = LittleEndianFile.create(path)) {
 *     out.floats(new float[] {0.5f, 1f}).ints(new int[] {2, 0, 1});
 * }
 * }</pre>
 */
final class LittleEndianFile implements Closeable {

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

    private LittleEndianFile(FileChannel channel) {
        this.channel = channel;
    }

    /** Creates or truncates {@code file}. */
    static LittleEndianFile create(Path file) throws IOException {
        return new LittleEndianFile(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING));
    }

    LittleEndianFile ints(int[] values) throws IOException {
        for (int v : values) {
            if (buffer.remaining() < Integer.BYTES) {
                drain();
            }
            buffer.putInt(v);
        }
        return this;
    }

    LittleEndianFile floats(float[] values) throws IOException {
        for (float v : values) {
            if (buffer.remaining() < Float.BYTES) {
                drain();
            }
            buffer.putFloat(v);
        }
        return this;
    }

    private void drain() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }

    @Override
    public void close() throws IOException {
        try {
            drain();
        } finally {
            channel.close();
        }
    }
}
