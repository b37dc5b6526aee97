package dev.lamina.benchmarks;

import dev.lamina.layers.Dense;
import dev.lamina.layers.FitOptions;
import dev.lamina.layers.Sequential;
import dev.lamina.layers.SparseRows;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seconds per training epoch of the IMDB-shaped model on synthetic multi-hot data (12,500 rows of 10,000 columns,
 * 120 ones each): the best of epochs 2 and 3. For comparisons that need no data and no peers: native builds, thread
 * settings.
 *
 * <pre>{@code
 * ./benchmarks/run --epoch-time dense 64 128
 * LAMINA_NATIVES=linux-x86_64-avx2 ./benchmarks/run --epoch-time dense 64 128
 * }</pre>
 */
public final class EpochTime {

    private EpochTime() {
    }

    public static void main(String[] args) {
        if (args.length != 3 || !(args[0].equals("dense") || args[0].equals("sparse"))) {
            System.err.println("usage: benchmarks/run --epoch-time dense|sparse UNITS BATCH");
            System.exit(2);
        }
        boolean sparse = args[0].equals("sparse");
        int units = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        Random random = new Random(1);
        int rows = 12_500;
        int columns = 10_000;
        int[][] ones = new int[rows][];
        INDArray y = Nd4j.create(DataType.FLOAT, rows, 1);
        for (int r = 0; r < rows; r++) {
            ones[r] = random.ints(120, 0, columns).distinct().sorted().toArray();
            y.putScalar(r, 0, ones[r][0] % 2);
        }
        SparseRows x = SparseRows.multiHot(columns, ones);
        INDArray dense = sparse ? null : x.toDense();
        Sequential model = new Sequential().seed(3);
        model.add(new Dense(units, "relu", columns));
        model.add(new Dense(units, "relu"));
        model.add(new Dense(1, "sigmoid"));
        model.compile("rmsprop", "binary_crossentropy", "accuracy");
        double best = Double.MAX_VALUE;
        for (int epoch = 0; epoch < 3; epoch++) {
            long start = System.nanoTime();
            FitOptions options = FitOptions.epochs(1).batchSize(batch).verbose(0);
            if (sparse) {
                model.fit(x, y, options);
            } else {
                model.fit(dense, y, options);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            best = epoch == 0 ? best : Math.min(best, seconds);
        }
        System.out.printf("%s %d units, batch %d: best epoch %.3f s (natives: %s, OMP_WAIT_POLICY in the shell: %s, "
                + "lamina.setOmpWaitPolicy=%s)%n", args[0], units, batch, best,
                natives(), System.getenv("OMP_WAIT_POLICY"),
                System.getProperty("lamina.setOmpWaitPolicy", "true"));
    }

    /** The nd4j-native jar's classifier on the class path, e.g. linux-x86_64-avx2. */
    private static String natives() {
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            String name = java.nio.file.Path.of(entry).getFileName().toString();
            if (name.startsWith("nd4j-native-") && name.matches("nd4j-native-[0-9][^-]*-[^-]+-.*\\.jar")) {
                return name.replaceFirst("nd4j-native-[0-9][^-]*-[^-]+-", "").replace(".jar", "");
            }
        }
        return "?";
    }
}
