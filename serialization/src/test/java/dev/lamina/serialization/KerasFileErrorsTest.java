package dev.lamina.serialization;

import static dev.lamina.serialization.KerasMadeFilesTest.made;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.layers.Sequential;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed and hostile Keras files raise {@link ModelFormatException} saying what, where and what to do. */
class KerasFileErrorsTest {

    @TempDir
    Path dir;

    private static void contains(ModelFormatException e, String... fragments) {
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
        }
    }

    private ModelFormatException refusedWithWeights(String weights, String... fragments) {
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> Sequential.load(made("sequential.json"), made(weights)));
        contains(e, fragments);
        return e;
    }

    private ModelFormatException refusedLoading(byte[] bytes, String... fragments) throws IOException {
        Path file = dir.resolve("model.keras");
        Files.write(file, bytes);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Sequential.load(file));
        contains(e, fragments);
        return e;
    }

    @Test
    void integerKernelIsRefusedNamingLayerAndDtype() {
        refusedWithWeights("bad-int-kernel.weights.h5", "bad-int-kernel.weights.h5", "/layers/dense/vars/0",
                "layer 'dense'", "kernel", "expected float32 or float64", "int32");
    }

    @Test
    void kernelOfTheWrongShapeIsRefusedBeforeReadingIt() {
        refusedWithWeights("bad-wrong-shape.weights.h5", "layer 'dense'", "kernel", "expected shape [6, 8]",
                "found [6, 9]");
    }

    @Test
    void absurdDatasetShapeIsRefusedWithoutAllocatingIt() {
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> Sequential.load(made("sequential.json"), made("bad-absurd-shape.weights.h5")));
        contains(e, "bad-absurd-shape.weights.h5", "/layers/dense/vars", "corrupt or not one Keras writes");
    }

    @Test
    void weightsRecordedForAnotherLayerNameAreRefused() {
        refusedWithWeights("bad-renamed.weights.h5", "/layers/dense_1/vars@name", "belong to layer 'hidden'",
                "is 'dense_1'");
    }

    @Test
    void missingWeightIsRefused() {
        refusedWithWeights("bad-missing-bias.weights.h5", "layer 'dense'", "needs 2 weights [kernel, bias]",
                "the file has 1");
    }

    @Test
    void weightsNoLayerTakesAreRefused() {
        refusedWithWeights("bad-extra-layer.weights.h5", "/layers/dense_7", "a layer the model does not have");
    }

    @Test
    void legacyWeightOfTheWrongShapeIsRefused() {
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> Sequential.load(made("bad-legacy-wrong-shape.h5")));
        contains(e, "bad-legacy-wrong-shape.h5", "layer 'dense'", "bias", "expected shape [8]", "found [7]");
    }

    @Test
    void truncatedFilesAreRefused() throws IOException {
        for (String name : new String[] {"sequential.keras", "sequential.h5"}) {
            byte[] bytes = Files.readAllBytes(made(name));
            for (int length : new int[] {bytes.length / 3, bytes.length / 2, bytes.length - 100}) {
                refusedLoading(Arrays.copyOf(bytes, length), "model.keras", "truncated");
            }
        }
    }

    @Test
    void unknownContentIsRefusedSayingWhatIsRead() throws IOException {
        refusedLoading(new byte[] {1, 2, 3, 4, 5}, "expected a Lamina JSON file, a Keras .keras archive",
                "01 02 03 04 05");
    }

    private static byte[] zip(boolean deflate, Object... namesAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.setMethod(deflate ? ZipOutputStream.DEFLATED : ZipOutputStream.STORED);
            for (int i = 0; i < namesAndContents.length; i += 2) {
                byte[] content = namesAndContents[i + 1] instanceof byte[] b ? b
                        : ((String) namesAndContents[i + 1]).getBytes(StandardCharsets.UTF_8);
                ZipEntry entry = new ZipEntry((String) namesAndContents[i]);
                if (!deflate) {
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(content);
                    entry.setSize(content.length);
                    entry.setCrc(crc.getValue());
                }
                out.putNextEntry(entry);
                out.write(content);
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] entry(String name) throws IOException {
        return KerasArchiveReader.entries(Files.readAllBytes(made("sequential.keras")), "x").get(name);
    }

    @Test
    void zipBombIsRefusedBeforeItIsInflated() throws IOException {
        byte[] bomb = zip(true, "config.json", entry("config.json"), "model.weights.h5", new byte[64 << 20]);
        assertTrue(bomb.length < 200_000, "the bomb is small: " + bomb.length);
        refusedLoading(bomb, "model.weights.h5", "inflates", "more than 100 times", "zip bomb");
    }

    @Test
    void entryInflatingBeyondItsDeclaredSizeIsStoppedThere() throws IOException {
        byte[] bomb = zip(true, "config.json", entry("config.json"), "model.weights.h5", new byte[64 << 20]);
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bomb).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        byte[] name = "model.weights.h5".getBytes(StandardCharsets.US_ASCII);
        for (int at = 0; at + 46 + name.length <= bomb.length; at++) {
            if (buffer.getInt(at) == 0x02014b50 && Arrays.equals(bomb, at + 46, at + 46 + name.length, name, 0,
                    name.length)) {
                buffer.putInt(at + 24, 1000); // the central directory now claims 1000 bytes
            }
        }
        refusedLoading(bomb, "model.weights.h5", "inflates to more than the 1000 bytes");
    }

    @Test
    void entriesWithParentOrAbsolutePathsAreRefused() throws IOException {
        for (String name : new String[] {"../config.json", "/etc/passwd", "assets/../../x", "C:\\x", "a\\..\\b"}) {
            refusedLoading(zip(false, name, "{}", "config.json", entry("config.json")), "is not a plain relative path");
        }
    }

    @Test
    void duplicateEntriesAreRefused() throws IOException {
        byte[] config = entry("config.json");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // ZipOutputStream refuses duplicates itself, so two archives' entries are glued by renaming one in place
        byte[] twice = zip(false, "config.json", config, "config.jsoX", config);
        String text = new String(twice, StandardCharsets.ISO_8859_1).replace("config.jsoX", "config.json");
        bytes.write(text.getBytes(StandardCharsets.ISO_8859_1));
        refusedLoading(bytes.toByteArray(), "config.json", "twice");
    }

    @Test
    void tooManyEntriesAreRefused() throws IOException {
        Object[] entries = new Object[2 * (Hdf5Limits.MAX_ZIP_ENTRIES + 1)];
        for (int i = 0; i < entries.length; i += 2) {
            entries[i] = "assets/" + i;
            entries[i + 1] = "";
        }
        refusedLoading(zip(false, entries), "is more than the limit of " + Hdf5Limits.MAX_ZIP_ENTRIES);
    }

    @Test
    void archiveWithoutWeightsIsRefused() throws IOException {
        refusedLoading(zip(false, "config.json", entry("config.json"), "metadata.json", entry("metadata.json")),
                "must hold model.weights.h5", "written by Keras 3.15.1");
    }

    @Test
    void archiveWithCorruptWeightsNamesTheEntry() throws IOException {
        byte[] weights = entry("model.weights.h5");
        byte[] broken = Arrays.copyOf(weights, weights.length);
        Arrays.fill(broken, 600, broken.length, (byte) 0x5a);
        refusedLoading(zip(false, "config.json", entry("config.json"), "model.weights.h5", broken),
                "model.keras!model.weights.h5");
    }

    @Test
    void architectureNeedingMoreWeightsThanTheFileHoldsIsRefusedBeforeAllocation() throws IOException {
        String config = new String(entry("config.json"), StandardCharsets.UTF_8).replace("\"units\": 8",
                "\"units\": 2000000000");
        refusedLoading(zip(false, "config.json", config, "model.weights.h5", entry("model.weights.h5")),
                "config.json");
    }
}
