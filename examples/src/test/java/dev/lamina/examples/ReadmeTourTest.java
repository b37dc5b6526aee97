package dev.lamina.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.core.activation.Activations;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's API tour compiles and runs as shown. */
class ReadmeTourTest {

    @TempDir
    Path dir;

    @AfterEach
    void unregister() {
        Activations.unregister("maFonction");
    }

    static String tour() throws Exception {
        return block("// API tour");
    }

    /** The README's code block that starts with {@code marker}, up to its closing fence. */
    static String block(String marker) throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf(marker);
        assertTrue(start > 0, "README.md has no block starting with " + marker);
        int end = readme.indexOf("```", start);
        return readme.substring(start, end);
    }

    @Test
    void apiTourCompilesAndRuns() throws Exception {
        String printed = run(tour());
        assertTrue(printed.contains("Total params: 1,905"), printed);   // 100*16+16 + 16*16+16 + 16+1
        assertTrue(printed.trim().endsWith("true"), printed);
    }

    @Test
    void kerasSectionRunsOnAFileKerasWrote() throws Exception {
        Path keras = Path.of("..", "..", "shared", "fixtures", "keras-real", "a-k3-churn-404error", "model.keras");
        assertTrue(Files.isRegularFile(keras), "the Keras fixtures must lie in ../shared beside the checkout: " + keras);
        Path written = dir.resolve("from-java.keras");
        String code = block("// Run a Keras model")
                .replace("\"model.keras\"", "\"" + keras.toAbsolutePath().toString().replace("\\", "/") + "\"")
                .replace("\"from-java.keras\"", "\"" + written.toString().replace("\\", "/") + "\"")
                + "System.out.println(prediction.length + \" \" + prediction[0]);\n";
        String printed = run("import dev.lamina.layers.Sequential;\nimport java.nio.file.Path;\n" + code);
        assertTrue(printed.trim().startsWith("1 0."), printed);   // one sigmoid output
        assertTrue(Files.size(written) > 0, "the model was written back as a .keras file");
    }

    /** Compiles {@code code} (its import lines, then the body of a main method) and runs it; returns what it printed. */
    private String run(String code) throws Exception {
        List<String> imports = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        for (String line : code.split("\n")) {
            if (line.startsWith("import ")) {
                imports.add(line);
            } else {
                body.append("        ").append(line).append('\n');
            }
        }
        String source = String.join("\n", imports) + "\n\npublic class Tour {\n"
                + "    public static void main(String[] args) throws Exception {\n" + body + "    }\n}\n";
        Path file = dir.resolve("Tour.java");
        Files.writeString(file, source);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = compiler.run(null, null, errors, "-cp", System.getProperty("java.class.path"), "-d",
                dir.toString(), file.toString());
        assertEquals(0, status, "the README tour does not compile:\n" + errors + "\n" + source);

        PrintStream original = System.out;
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        System.setOut(new PrintStream(output, true));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                ReadmeTourTest.class.getClassLoader())) {
            Method main = loader.loadClass("Tour").getMethod("main", String[].class);
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
        }
        return output.toString();
    }
}
