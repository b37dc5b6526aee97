package dev.lamina.examples.reviews;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GalleryCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesOnePngPerActivationAndForMaFonction() throws Exception {
        List<Path> written = new GalleryCommand(new PrintStream(new ByteArrayOutputStream()), dir)
                .run(new String[] {"--out", dir.resolve("gallery").toString()});
        assertEquals(18, written.size());
        assertTrue(written.contains(dir.resolve("gallery/maFonction.png")));
        for (Path png : written) {
            byte[] head = Arrays.copyOf(Files.readAllBytes(png), 4);
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, head, png.toString());
            assertEquals(560, ImageIO.read(png.toFile()).getWidth());
        }
    }
}
