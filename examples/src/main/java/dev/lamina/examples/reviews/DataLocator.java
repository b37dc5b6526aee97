package dev.lamina.examples.reviews;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Finds the IMDB data, in this order: {@code --data PATH}; a copy beside the project
 * ({@code ../shared/data/aclImdb_v1-labeled.tar.gz}) or under {@code data/}; a cached download
 * ({@code ~/.cache/lamina/aclImdb_v1.tar.gz}); otherwise downloads the official archive with a progress bar, checks
 * its SHA-1 and caches it.
 *
 * <pre>{@code
 * Path data = new DataLocator(projectRoot, System.err).locate(Optional.empty());
 * }</pre>
 */
public final class DataLocator {

    /** The official archive. */
    public static final URI OFFICIAL = URI.create("https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz");
    /** SHA-1 of the official archive (as published by the d2l.ai data hub). */
    public static final String OFFICIAL_SHA1 = "01ada507287d82875905620988597833ad4e0903";

    private final Path projectRoot;
    private final Path cacheDirectory;
    private final PrintStream log;
    private final URI source;
    private final String sha1;

    public DataLocator(Path projectRoot, Path cacheDirectory, PrintStream log) {
        this(projectRoot, cacheDirectory, log, OFFICIAL, OFFICIAL_SHA1);
    }

    /** A locator that downloads from {@code source} and expects {@code sha1} (a mirror, or a test server). */
    DataLocator(Path projectRoot, Path cacheDirectory, PrintStream log, URI source, String sha1) {
        this.projectRoot = projectRoot;
        this.cacheDirectory = cacheDirectory;
        this.log = log;
        this.source = source;
        this.sha1 = sha1;
    }

    /** The default cache, {@code ~/.cache/lamina} (or {@code $XDG_CACHE_HOME/lamina}). */
    public static Path defaultCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache"))
                .resolve("lamina");
    }

    /** The places looked at before downloading, in order. */
    List<Path> candidates() {
        return List.of(
                projectRoot.resolve("../shared/data/aclImdb_v1-labeled.tar.gz").normalize(),
                projectRoot.resolve("data/aclImdb_v1-labeled.tar.gz"),
                projectRoot.resolve("data/aclImdb_v1.tar.gz"),
                projectRoot.resolve("data/aclImdb"),
                cacheDirectory.resolve("aclImdb_v1.tar.gz"));
    }

    public Path locate(Optional<Path> explicit) throws IOException {
        if (explicit.isPresent()) {
            Path path = explicit.get();
            if (!Files.exists(path)) {
                throw new IOException("--data " + path + " does not exist. Pass an aclImdb directory or the "
                        + "aclImdb_v1.tar.gz archive.");
            }
            return path;
        }
        Optional<Path> local = findLocal();
        return local.isPresent() ? local.get() : download(cacheDirectory.resolve("aclImdb_v1.tar.gz"));
    }

    /** The first copy found beside the project, under {@code data/} or in the cache, without downloading. */
    public Optional<Path> findLocal() {
        return candidates().stream().filter(Files::exists).findFirst();
    }

    private Path download(Path target) throws IOException {
        log.println("No IMDB data found in " + candidates() + ";");
        log.println("downloading " + source + " (84 MB for the official archive) to " + target);
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(HttpRequest.newBuilder(source).timeout(Duration.ofMinutes(30)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new IOException("Cannot download the IMDB data (" + e + "). Without network access, download "
                    + source + " elsewhere and pass --data PATH, or put it at " + target + ".", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Download interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("Downloading " + source + " failed with HTTP " + response.statusCode()
                    + ". Download it by hand and pass --data PATH.");
        }
        long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        MessageDigest hasher;
        try {
            hasher = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(partial)) {
            byte[] buffer = new byte[1 << 16];
            long done = 0;
            long lastDraw = 0;
            int read;
            while ((read = in.read(buffer)) > 0) {
                out.write(buffer, 0, read);
                hasher.update(buffer, 0, read);
                done += read;
                if (System.nanoTime() - lastDraw > 200_000_000L) {
                    lastDraw = System.nanoTime();
                    log.print("\r" + bar(done, total));
                }
            }
            log.println("\r" + bar(done, total));
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            throw new IOException("The download broke off (" + e.getMessage() + "); run the command again.", e);
        }
        String digest = HexFormat.of().formatHex(hasher.digest());
        if (!digest.equals(sha1)) {
            Files.deleteIfExists(partial);
            throw new IOException("The downloaded archive has SHA-1 " + digest + ", expected " + sha1
                    + "; it was deleted. Try again, or download it by hand and pass --data PATH.");
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        log.println("Verified (SHA-1 " + digest + ") and cached at " + target);
        return target;
    }

    private static String bar(long done, long total) {
        if (total <= 0) {
            return String.format("%,d bytes", done);
        }
        int width = 30;
        int filled = (int) (width * done / total);
        return String.format("[%s%s] %3d%% %,d / %,d bytes", "=".repeat(filled), " ".repeat(width - filled),
                100 * done / total, done, total);
    }
}
