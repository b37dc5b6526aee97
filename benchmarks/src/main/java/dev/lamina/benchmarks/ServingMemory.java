package dev.lamina.benchmarks;

import com.sun.management.ThreadMXBean;
import dev.lamina.layers.Dense;
import dev.lamina.layers.FitOptions;
import dev.lamina.layers.Sequential;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Memory of a model inside a long-running service, each way of calling it in its own JVM started with the JVM's
 * default flags (no -Xmx, no -Xms): the README's kind of model (1000 inputs, 16 relu, 16 relu, 1 sigmoid) predicting
 * one row at a time through each API, and evaluating or training again and again. Prints resident memory halfway and
 * at the end, and the heap bytes the calling thread allocated per call in the second half. {@code nd4j-floor} creates
 * and closes one 1x1 ND4J array per call and nothing else: what any API that returns a new INDArray costs at least
 * (ND4J tracks each array with a weak reference in a map until a collection).
 *
 * <pre>{@code
 * ./benchmarks/run --serving                     # every mode, 1,000,000 predictions each
 * java -cp ... dev.lamina.benchmarks.ServingMemory array 1000000   # one mode, this JVM
 * }</pre>
 */
public final class ServingMemory {

    private static final List<String> MODES = List.of("array", "sparse-array", "indarray", "indarray-closed",
            "nd4j-floor", "evaluate", "fit");

    private ServingMemory() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2) {
            measure(args[0], Integer.parseInt(args[1]));
            return;
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        System.out.println("Serving memory, each mode in a fresh JVM with default flags (max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB here), " + Runtime.getRuntime()
                .availableProcessors() + " cores, " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version"));
        System.out.printf("%-16s %10s %12s %12s %10s %12s%n", "mode", "calls", "RSS half MB", "RSS end MB",
                "growth MB", "bytes/call");
        for (String mode : MODES) {
            int calls = mode.equals("evaluate") || mode.equals("fit") ? 4_000 : 1_000_000;
            ProcessBuilder builder = new ProcessBuilder(java, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp",
                    System.getProperty("java.class.path"), ServingMemory.class.getName(), mode,
                    Integer.toString(calls)).redirectErrorStream(true);
            Process process = builder.start();
            String last = "";
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    last = line.startsWith("serving ") ? line.substring(8) : last;
                }
            }
            if (process.waitFor() != 0 || last.isEmpty()) {
                throw new IOException("the " + mode + " run failed");
            }
            System.out.println(last);
        }
        System.out.println("Targets (issue 14): RSS < 400 MB after 1,000,000 predictions, growth < 20 MB over the "
                + "last half, 0 bytes/call for the array API.");
    }

    private static void measure(String mode, int calls) throws IOException {
        Sequential model = new Sequential().seed(5);
        model.add(new Dense(16, "relu", 1000));
        model.add(new Dense(16, "relu"));
        model.add(new Dense(1, "sigmoid"));
        model.compile("rmsprop", "binary_crossentropy", "accuracy");
        Random random = new Random(6);
        float[][] rows = new float[100][1000];
        int[][] indices = new int[100][];
        for (int r = 0; r < 100; r++) {
            List<Integer> ones = new ArrayList<>();
            for (int k = 0; k < 30; k++) {
                int column = random.nextInt(1000);
                if (rows[r][column] == 0f) {
                    rows[r][column] = 1f;
                    ones.add(column);
                }
            }
            indices[r] = ones.stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        INDArray x = Nd4j.create(rows).castTo(DataType.FLOAT);
        INDArray y = x.getColumn(0).reshape(100, 1);
        INDArray[] singles = new INDArray[100];
        for (int r = 0; r < 100; r++) {
            singles[r] = x.getRow(r, true).dup();
        }
        float[] out = new float[1];
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        double half = 0;
        long allocatedAtHalf = 0;
        double checksum = 0;
        for (int i = 0; i < calls; i++) {
            if (i == calls / 2) {
                half = residentMegabytes();
                allocatedAtHalf = threads.getThreadAllocatedBytes(thread);
            }
            switch (mode) {
                case "array" -> checksum += model.predict(rows[i % 100], out)[0];
                case "sparse-array" -> checksum += model.predict(indices[i % 100], null, out)[0];
                case "indarray" -> checksum += model.predict(singles[i % 100]).getFloat(0);
                case "indarray-closed" -> {
                    INDArray p = model.predict(singles[i % 100]);
                    checksum += p.getFloat(0);
                    p.close();
                }
                case "nd4j-floor" -> { // no Lamina: the least any call returning a new INDArray costs
                    INDArray one = Nd4j.createUninitialized(DataType.FLOAT, 1, 1);
                    checksum += one.length();
                    one.close();
                }
                case "evaluate" -> checksum += model.evaluate(x, y).get("loss");
                case "fit" -> checksum += model.fit(x, y, FitOptions.epochs(1).batchSize(32).verbose(0))
                        .history().get("loss").get(0);
                default -> throw new IllegalArgumentException("unknown mode " + mode + "; one of " + MODES);
            }
        }
        long perCall = (threads.getThreadAllocatedBytes(thread) - allocatedAtHalf) / (calls - calls / 2);
        double end = residentMegabytes();
        System.out.printf("serving %-16s %10d %12.0f %12.0f %10.1f %12d%n", mode, calls, half, end, end - half,
                perCall);
        if (Double.isNaN(checksum)) {
            System.out.println("non-finite checksum");
        }
    }

    private static double residentMegabytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IOException("no VmRSS in /proc/self/status (Linux only)");
    }
}
