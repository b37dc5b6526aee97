import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The one line a full {@code mvn verify} prints when its tests pass: {@code Lamina: 512 passed, 0 failed, 3 skipped},
 * summed over the Surefire reports ({@code MODULE/target/surefire-reports/TEST-*.xml}) written since the build
 * started; older reports, left by an earlier run or the other profile, are not counted. The benchmarks module, last
 * in the reactor, runs it at {@code verify} as a single-file program: {@code java tools/TestSummary.java ROOT START},
 * START being Maven's {@code maven.build.timestamp} (UTC, to the second).
 */
public final class TestSummary {

    public static void main(String[] args) throws IOException, XMLStreamException {
        Path root = Path.of(args[0]);
        Instant start = Instant.parse(args[1]);
        long tests = 0;
        long failed = 0;
        long skipped = 0;
        for (Path report : reports(root)) {
            if (Files.getLastModifiedTime(report).toInstant().isBefore(start)) {
                continue;
            }
            try (InputStream in = Files.newInputStream(report)) {
                XMLStreamReader xml = XMLInputFactory.newFactory().createXMLStreamReader(in);
                xml.nextTag(); // <testsuite tests="12" errors="0" skipped="1" failures="0" ...>
                tests += count(xml, "tests");
                failed += count(xml, "failures") + count(xml, "errors");
                skipped += count(xml, "skipped");
                xml.close();
            }
        }
        System.out.println("Lamina: " + (tests - failed - skipped) + " passed, " + failed + " failed, " + skipped
                + " skipped");
    }

    private static List<Path> reports(Path root) throws IOException {
        List<Path> reports = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            List<Path> dirs = modules.map(m -> m.resolve("target/surefire-reports")).filter(Files::isDirectory).toList();
            for (Path dir : dirs) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml")).forEach(reports::add);
                }
            }
        }
        return reports;
    }

    private static long count(XMLStreamReader xml, String attribute) {
        String value = xml.getAttributeValue(null, attribute);
        return value == null ? 0 : Long.parseLong(value);
    }
}
