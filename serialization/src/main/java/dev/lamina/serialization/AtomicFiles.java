package dev.lamina.serialization;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes a file so that it is either entirely the new content or untouched: a temporary file in the same directory,
 * flushed to disk, then moved over the target. Nothing is left behind on failure; the temporary file of a process
 * that died while saving (named after its process id) is deleted by the next save to the same place. The file gets
 * the permissions of any new file (the umask), or keeps those of the file it replaces.
 *
 * <pre>{@code
 * AtomicFiles.write(Path.of("model.json"), out -> out.write(bytes));
 * }</pre>
 */
final class AtomicFiles {

    /** Writes the content to a stream; may throw halfway. */
    interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /** The start of the temporary file's name: {@code .model.json.<pid>-}. */
    private static String temporaryName(String fileName, long pid) {
        return "." + fileName + "." + pid + "-";
    }

    /** Deletes temporary files of this target left by processes that no longer run (a crash or kill -9 mid-save). */
    private static void deleteStaleTemporaries(Path directory, String fileName) {
        String prefix = "." + fileName + ".";
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory,
                entry -> entry.getFileName().toString().startsWith(prefix)
                        && entry.getFileName().toString().endsWith(".tmp"))) {
            for (Path entry : entries) {
                String rest = entry.getFileName().toString().substring(prefix.length());
                int dash = rest.indexOf('-');
                if (dash > 0 && rest.substring(0, dash).chars().allMatch(Character::isDigit)
                        && ProcessHandle.of(Long.parseLong(rest.substring(0, dash))).isEmpty()) {
                    Files.deleteIfExists(entry);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // cleaning up is a courtesy: the save itself must not fail for it
        }
    }

    static void write(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new NoSuchFileException(absolute.toString(), null,
                    "the directory does not exist; create it first (Files.createDirectories)");
        }
        if (Files.isDirectory(absolute)) {
            throw new IOException("Cannot save to " + absolute + ": it is a directory; give a file name such as "
                    + "model.json");
        }
        deleteStaleTemporaries(directory, absolute.getFileName().toString());
        Path temporary;
        try {
            temporary = Files.createFile(directory.resolve(temporaryName(absolute.getFileName().toString(),
                    ProcessHandle.current().pid()) + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp"));
            if (Files.exists(absolute) && Files.getFileStore(absolute).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(absolute));
            }
        } catch (IOException e) {
            throw new IOException("Cannot save to " + absolute + ": the directory is not writable (" + e + ")", e);
        }
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = Channels.newOutputStream(channel);
                writer.writeTo(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temporary);
            }
        }
    }
}
