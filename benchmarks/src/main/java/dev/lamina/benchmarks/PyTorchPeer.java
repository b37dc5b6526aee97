package dev.lamina.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * PyTorch, the speed anchor: one long-lived {@code /usr/bin/python3 benchmarks/pytorch_imdb.py} process for the whole
 * run (importing torch costs about a second), driven by one-line commands on its stdin, answering one JSON line on its
 * stdout (the protocol is described at the top of the script). Data goes through little-endian files: the reviews
 * once ({@link #load}), then per cell the initial weights and the row order of each epoch ({@link #writeCell}).
 *
 * <pre>{@code
 * Optional<PyTorchPeer> torch = PyTorchPeer.start(root.resolve("benchmarks/pytorch_imdb.py"));
 * torch.get().load(data, workDirectory);
 * PyTorchPeer.writeCell(cellFile, lamina.model.getWeights(), orders);
 * TrainingRun run = torch.get().train(cellFile, Contender.TORCH_SPARSE_MM, cell, 2);
 * }</pre>
 */
final class PyTorchPeer implements AutoCloseable {

    static final String PYTHON = "/usr/bin/python3";
    /** What to print when {@link #start} finds no PyTorch. */
    static final String SKIPPED = "PyTorch: skipped — install python3-torch and libopenblas0-pthread from Debian: "
            + "apt-get install -y python3-torch libopenblas0-pthread";
    /** Debian's multi-threaded OpenBLAS, which PyTorch's BLAS calls then use (with one thread: fastest here). */
    private static final String OPENBLAS = "/usr/lib/x86_64-linux-gnu/openblas-pthread";

    private final Process process;
    private final BufferedWriter commands;
    private final BufferedReader replies;
    private final String version;
    private final ObjectMapper json = new ObjectMapper();

    private PyTorchPeer(Process process, BufferedWriter commands, BufferedReader replies, String version) {
        this.process = process;
        this.commands = commands;
        this.replies = replies;
        this.version = version;
    }

    /** Starts the script and waits for its "ready" line; empty when python3, torch or numpy is missing. */
    static Optional<PyTorchPeer> start(Path script) {
        ProcessBuilder builder = new ProcessBuilder(PYTHON, script.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        String libraryPath = System.getenv("LD_LIBRARY_PATH");
        builder.environment().put("LD_LIBRARY_PATH", libraryPath == null ? OPENBLAS : OPENBLAS + ":" + libraryPath);
        builder.environment().put("OPENBLAS_NUM_THREADS", "1");
        try {
            Process process = builder.start();
            BufferedReader replies = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String first = replies.readLine();
            if (first == null || !first.startsWith("ready ")) {
                process.destroy();
                return Optional.empty();
            }
            return Optional.of(new PyTorchPeer(process, new BufferedWriter(new OutputStreamWriter(
                    process.getOutputStream(), StandardCharsets.UTF_8)), replies, first.substring(6)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    String version() {
        return version;
    }

    /** Writes both halves of the data to {@code directory} and has the peer read them. */
    void load(BenchmarkData data, Path directory) throws IOException {
        for (String half : List.of("train", "test")) {
            Reviews reviews = half.equals("train") ? data.train() : data.test();
            int[][] columns = reviews.columns();
            int[] offsets = new int[columns.length + 1];
            for (int r = 0; r < columns.length; r++) {
                offsets[r + 1] = offsets[r] + columns[r].length;
            }
            try (LittleEndianFile out = LittleEndianFile.create(directory.resolve(half + "_offsets.i32"))) {
                out.ints(offsets);
            }
            try (LittleEndianFile out = LittleEndianFile.create(directory.resolve(half + "_columns.i32"))) {
                for (int[] row : columns) {
                    out.ints(row);
                }
            }
            try (LittleEndianFile out = LittleEndianFile.create(directory.resolve(half + "_labels.f32"))) {
                out.floats(reviews.labels().ravel().toFloatVector());
            }
        }
        ask("data " + directory);
    }

    /** The cell file: Lamina's initial weights in {@code getWeights()} order, then the row order of each epoch. */
    static void writeCell(Path file, List<INDArray> weights, int[][] orders) throws IOException {
        try (LittleEndianFile out = LittleEndianFile.create(file)) {
            for (INDArray w : weights) {
                out.floats(w.ravel().toFloatVector());
            }
            for (int[] order : orders) {
                out.ints(order);
            }
        }
    }

    /** Trains {@code cell} with {@code variant} from the weights and orders in {@code cellFile}. */
    TrainingRun train(Path cellFile, Contender variant, GridCell cell, int epochs) throws IOException {
        JsonNode reply = ask(String.join(" ", "train", cellFile.toString(), variant.torchVariant(),
                String.valueOf(cell.units()), String.valueOf(cell.batchSize()), String.valueOf(epochs),
                cell.optimizer().kerasName()));
        List<Double> seconds = new ArrayList<>();
        reply.get("epoch_seconds").forEach(s -> seconds.add(s.asDouble()));
        return new TrainingRun(seconds, reply.get("accuracy").asDouble());
    }

    private JsonNode ask(String command) throws IOException {
        commands.write(command);
        commands.newLine();
        commands.flush();
        String line = replies.readLine();
        if (line == null) {
            throw new IOException("the PyTorch peer exited (its error is above) while answering: " + command);
        }
        JsonNode reply = json.readTree(line);
        if (reply.has("error")) {
            throw new IOException("PyTorch peer: " + reply.get("error").asText() + " (command: " + command + ")");
        }
        return reply;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        commands.write("quit");
        commands.newLine();
        commands.flush();
        process.waitFor();
    }
}
