package dev.lamina.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's streaming tour compiles and runs as shown, on CSV shards this test writes where the tour reads. */
class ReadmeStreamingTest {

    @TempDir
    Path dir;

    @Test
    void streamingTourCompilesAndTrainsOnCsvShards() throws Exception {
        Path shards = Path.of(System.getProperty("java.io.tmpdir"), "lamina-shards");
        writeShards(shards);
        try {
            String printed = run(tour());
            String[] words = printed.trim().split(" ");
            assertTrue(Double.parseDouble(words[0]) > 0.8, "validation accuracy after 3 epochs: " + printed);
            assertTrue(printed.trim().endsWith(" 2000"), "predict gives one row per validation row: " + printed);
        } finally {
            try (Stream<Path> files = Files.walk(shards)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /** Two training shards of 20,000 rows and a validation file of 2,000: 8 features, label x0 + x1 > 1. */
    private static void writeShards(Path shards) throws Exception {
        Files.createDirectories(shards);
        Random random = new Random(2);
        String[] names = {"train-0.csv", "train-1.csv", "valid.csv"};
        int[] rows = {20_000, 20_000, 2000};
        for (int f = 0; f < names.length; f++) {
            StringBuilder csv = new StringBuilder("x0,x1,x2,x3,x4,x5,x6,x7,label\n");
            for (int r = 0; r < rows[f]; r++) {
                float[] x = new float[8];
                for (int j = 0; j < 8; j++) {
                    x[j] = random.nextFloat();
                    csv.append(String.format(Locale.ROOT, "%.4f,", x[j]));
                }
                csv.append(x[0] + x[1] > 1 ? "1\n" : "0\n");
            }
            Files.writeString(shards.resolve(names[f]), csv);
        }
    }

    private static String tour() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int marker = readme.indexOf("// Streaming tour");
        assertTrue(marker > 0, "README.md has no block starting with // Streaming tour");
        return readme.substring(marker, readme.indexOf("```", marker));
    }

    private String run(String tour) throws Exception {
        List<String> imports = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        for (String line : tour.split("\n")) {
            if (line.startsWith("import ")) {
                imports.add(line);
            } else {
                body.append("        ").append(line).append('\n');
            }
        }
        String source = String.join("\n", imports) + "\n\npublic class StreamingTour {\n"
                + "    public static void main(String[] args) throws Exception {\n" + body + "    }\n}\n";
        Path file = dir.resolve("StreamingTour.java");
        Files.writeString(file, source);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = compiler.run(null, null, errors, "-cp", System.getProperty("java.class.path"), "-d",
                dir.toString(), file.toString());
        assertEquals(0, status, "the README's streaming tour does not compile:\n" + errors + "\n" + source);
        PrintStream original = System.out;
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        System.setOut(new PrintStream(output, true));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                ReadmeStreamingTest.class.getClassLoader())) {
            Method main = loader.loadClass("StreamingTour").getMethod("main", String[].class);
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
        }
        return output.toString();
    }
}
