package dev.lamina.layers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The process's resident memory from {@code /proc/self/status}, after letting the collector free what it can. */
public final class ResidentMemory {

    private ResidentMemory() {
    }

    /** Resident megabytes after two collections and a pause for JavaCPP's deallocator thread. */
    public static double settledMegabytes() throws IOException, InterruptedException {
        for (int i = 0; i < 2; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return megabytes();
    }

    /** Resident megabytes now (Linux; elsewhere the calling test is skipped). */
    public static double megabytes() throws IOException {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "resident memory is read from /proc");
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
