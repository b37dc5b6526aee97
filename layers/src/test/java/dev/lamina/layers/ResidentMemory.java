package dev.lamina.layers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The process's resident memory from {@code /proc/self/status}, after letting the collector free what it can. */
public final class ResidentMemory {

    private static final Path STATUS = Path.of("/proc/self/status");

    private ResidentMemory() {
    }

    /** Resident megabytes after two collections and a pause for JavaCPP's deallocator thread. */
    public static double settledMegabytes() throws IOException, InterruptedException {
        // skips the calling test where there is no /proc (macOS, Windows)
        Assumptions.assumeTrue(Files.isReadable(STATUS), "resident memory is read from /proc/self/status (Linux only)");
        for (int i = 0; i < 2; i++) {
            System.gc();
            Thread.sleep(200);
        }
        for (String line : Files.readAllLines(STATUS)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
