package dev.lamina.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Hdf5WriterTest {

    @Test
    void checksumMatchesTheLookup3ReferenceValues() {
        // the self-test values printed by Bob Jenkins's lookup3.c driver
        byte[] text = "Four score and seven years ago".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xdeadbeef, Hdf5Checksum.of(new byte[0], 0, 0));
        assertEquals(0x17770551, Hdf5Checksum.of(text, 0, text.length, 0));
        assertEquals(0xcd628161, Hdf5Checksum.of(text, 0, text.length, 1));
    }

    @Test
    void writtenFileReadsBackWithItsGroupsDatasetsAndAttributes() {
        Hdf5Writer.Group root = new Hdf5Writer.Group();
        Hdf5Writer.Group vars = root.group("layers").group("dense").group("vars");
        vars.attribute("name", "dense_7");
        vars.float32("0", new long[] {2, 3}, new float[] {1f, 2f, 3f, 4f, 5f, Float.MIN_VALUE});
        vars.float64("1", new long[] {3}, new double[] {0.1, -0.5, Math.PI});
        root.group("layers").group("dropout").group("vars").attribute("name", "drôpout");
        root.group("vars");
        root.group("optimizer").group("vars").int64("0", 1234567890123L).float32("1", new long[0],
                new float[] {0.001f});

        try (HdfFile file = HdfFile.fromBytes(root.toBytes())) {
            assertEquals(Set.of("layers", "vars", "optimizer"), file.getChildren().keySet());
            Group dense = (Group) file.getByPath("layers/dense/vars");
            assertEquals("dense_7", dense.getAttribute("name").getData());
            Dataset kernel = file.getDatasetByPath("layers/dense/vars/0");
            assertArrayEquals(new int[] {2, 3}, kernel.getDimensions());
            assertArrayEquals(new float[] {1f, 2f, 3f, 4f, 5f, Float.MIN_VALUE}, (float[]) kernel.getDataFlat());
            assertArrayEquals(new double[] {0.1, -0.5, Math.PI},
                    (double[]) file.getDatasetByPath("layers/dense/vars/1").getData());
            assertEquals("drôpout", file.getByPath("layers/dropout/vars").getAttribute("name").getData());
            assertTrue(((Group) file.getByPath("layers/dropout/vars")).getChildren().isEmpty());
            assertTrue(((Group) file.getByPath("vars")).getChildren().isEmpty());
            assertTrue(file.getAttributes().isEmpty(), "the root carries no attributes, as in Keras's files");
            Dataset iterations = file.getDatasetByPath("optimizer/vars/0");
            assertTrue(iterations.isScalar());
            assertEquals(1234567890123L, iterations.getData());
            assertEquals(0.001f, file.getDatasetByPath("optimizer/vars/1").getData());
        }
    }

    @Test
    void manyChildrenAndLongNamesStayReadable() {
        Hdf5Writer.Group root = new Hdf5Writer.Group();
        Hdf5Writer.Group vars = root.group("vars");
        for (int i = 0; i < 40; i++) {
            vars.float32(Integer.toString(i), new long[] {1}, new float[] {i});
        }
        String longName = "g".repeat(300);
        root.group(longName).attribute("name", "x".repeat(5000)); // longer than the heap's minimum size
        try (HdfFile file = HdfFile.fromBytes(root.toBytes())) {
            assertEquals(40, ((Group) file.getByPath("vars")).getChildren().size());
            assertArrayEquals(new float[] {39f}, (float[]) file.getDatasetByPath("vars/39").getData());
            assertEquals("x".repeat(5000), file.getByPath(longName).getAttribute("name").getData());
        }
    }

    @Test
    void badNamesAndShapesAreRefusedWithTheReason() {
        Hdf5Writer.Group root = new Hdf5Writer.Group();
        for (String name : List.of("", "a/b")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> root.group(name));
            assertTrue(e.getMessage().contains("no '/'"), e.getMessage());
        }
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> root.float32("w", new long[] {2, 2}, new float[3]));
        assertEquals("dataset 'w': shape [2, 2] holds 4 values, got 3", shape.getMessage());
        root.float32("w", new long[] {1}, new float[1]);
        assertThrows(IllegalArgumentException.class, () -> root.group("w"));
    }
}
