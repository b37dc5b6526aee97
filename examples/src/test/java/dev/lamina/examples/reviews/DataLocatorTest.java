package dev.lamina.examples.reviews;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the data in order, and the verified, cached download (from a local test server). */
class DataLocatorTest {

    @TempDir
    Path dir;

    HttpServer server;
    byte[] archive;
    int requests;

    @BeforeEach
    void serveAnArchive() throws Exception {
        archive = Files.readAllBytes(ReviewFixture.archive(dir.resolve("fixture"), 3));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/aclImdb_v1.tar.gz", exchange -> {
            requests++;
            exchange.sendResponseHeaders(200, archive.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(archive);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/aclImdb_v1.tar.gz");
    }

    static String sha1(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    }

    @Test
    void downloadsVerifiesAndCachesWhenNothingIsFound() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DataLocator locator = new DataLocator(project, dir.resolve("cache"), new PrintStream(log), url(),
                sha1(archive));
        Path found = locator.locate(Optional.empty());
        assertEquals(dir.resolve("cache/aclImdb_v1.tar.gz"), found);
        assertTrue(log.toString().contains("100%"), log.toString());
        assertTrue(log.toString().contains("Verified (SHA-1 "), log.toString());
        assertEquals(6, ImdbDataset.read(found).train().size());
        assertEquals(found, locator.locate(Optional.empty()));
        assertEquals(1, requests, "the second call uses the cache");
    }

    @Test
    void aDownloadWithTheWrongChecksumIsDeleted() throws Exception {
        DataLocator locator = new DataLocator(Files.createDirectories(dir.resolve("project")), dir.resolve("cache"),
                new PrintStream(new ByteArrayOutputStream()), url(), "0".repeat(40));
        IOException e = assertThrows(IOException.class, () -> locator.locate(Optional.empty()));
        assertTrue(e.getMessage().contains("expected 0000"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("cache/aclImdb_v1.tar.gz")));
        assertFalse(Files.exists(dir.resolve("cache/aclImdb_v1.tar.gz.part")));
    }

    @Test
    void noNetworkSaysWhatToDo() throws Exception {
        server.stop(0);
        DataLocator locator = new DataLocator(Files.createDirectories(dir.resolve("project")), dir.resolve("cache"),
                new PrintStream(new ByteArrayOutputStream()), url(), sha1(archive));
        IOException e = assertThrows(IOException.class, () -> locator.locate(Optional.empty()));
        assertTrue(e.getMessage().startsWith("Cannot download the IMDB data"), e.getMessage());
        assertTrue(e.getMessage().contains("pass --data PATH"), e.getMessage());
    }

    @Test
    void aCopyBesideTheProjectComesBeforeTheCache() throws Exception {
        Path project = Files.createDirectories(dir.resolve("work/project"));
        Path shared = Files.createDirectories(dir.resolve("work/shared/data"));
        Files.write(shared.resolve("aclImdb_v1-labeled.tar.gz"), archive);
        Files.createDirectories(dir.resolve("cache"));
        Files.write(dir.resolve("cache/aclImdb_v1.tar.gz"), archive);
        DataLocator locator = new DataLocator(project, dir.resolve("cache"), new PrintStream(new ByteArrayOutputStream()),
                url(), sha1(archive));
        assertEquals(shared.resolve("aclImdb_v1-labeled.tar.gz"), locator.locate(Optional.empty()));
        assertEquals(0, requests);
    }
}
