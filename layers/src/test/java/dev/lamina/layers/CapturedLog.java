package dev.lamina.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Holds what Lamina logs during each test instead of printing it, so that the test asserts the warnings it expects
 * and a passing run prints nothing. Lamina logs through {@code System.Logger}, which the JDK sends to
 * java.util.logging; this handler sits on the {@code dev.lamina} logger while a test runs. A test that logged
 * warnings and never read them fails, so nothing is silenced unchecked.
 *
 * <pre>{@code
 * final CapturedLog log = new CapturedLog();   // a field of the test class, annotated with @RegisterExtension
 * ...
 * model.compile("adam", "categorical_crossentropy");
 * log.assertWarnings("ends in sigmoid over 3 units");
 * }</pre>
 */
public final class CapturedLog implements BeforeEachCallback, AfterEachCallback {

    /** Held strongly: java.util.logging keeps only weak references to its loggers. */
    private static final Logger LAMINA = Logger.getLogger("dev.lamina");

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private volatile boolean read;
    private boolean parentHandlers;

    @Override
    public void beforeEach(ExtensionContext context) {
        records.clear();
        read = false;
        parentHandlers = LAMINA.getUseParentHandlers();
        LAMINA.addHandler(handler);
        LAMINA.setUseParentHandlers(false);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        LAMINA.removeHandler(handler);
        LAMINA.setUseParentHandlers(parentHandlers);
        if (!read && !records.isEmpty()) {
            throw new AssertionError("the test logged " + messages() + " but never checked it: assert it with "
                    + "log.assertWarnings(...) or read log.warnings()");
        }
    }

    /** The messages logged at WARNING or above so far in this test, oldest first. */
    public List<String> warnings() {
        read = true;
        return records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogRecord::getMessage).toList();
    }

    /** Asserts that exactly these warnings were logged, in this order, each containing its fragment. */
    public void assertWarnings(String... fragments) {
        List<String> warnings = warnings();
        assertEquals(fragments.length, warnings.size(), "warnings logged: " + warnings);
        for (int i = 0; i < fragments.length; i++) {
            assertTrue(warnings.get(i).contains(fragments[i]),
                    "warning " + i + " should contain \"" + fragments[i] + "\": " + warnings.get(i));
        }
    }

    private List<String> messages() {
        return records.stream().map(r -> r.getLevel() + " " + r.getMessage()).toList();
    }
}
