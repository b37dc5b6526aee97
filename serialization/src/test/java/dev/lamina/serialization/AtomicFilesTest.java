package dev.lamina.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    private static void write(Path file, String text) throws Exception {
        AtomicFiles.write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aNewFileGetsThePermissionsOfAnyNewFile() throws Exception {
        Path saved = dir.resolve("model.json");
        Path plain = Files.createFile(dir.resolve("plain.txt")); // the umask decides, as for any file the user writes
        write(saved, "{}");
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(saved));
    }

    @Test
    void aReplacedFileKeepsItsPermissions() throws Exception {
        Path saved = dir.resolve("model.json");
        write(saved, "old");
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        Files.setPosixFilePermissions(saved, ownerOnly);
        write(saved, "new");
        assertEquals("new", Files.readString(saved));
        assertEquals(ownerOnly, Files.getPosixFilePermissions(saved));
    }

    @Test
    void theNextSaveDeletesTheTemporaryFileOfAProcessThatDied() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Path stale = Files.writeString(dir.resolve(".model.json." + finished.pid() + "-abc.tmp"), "half a model");
        Path live = Files.writeString(dir.resolve(".model.json." + ProcessHandle.current().pid() + "-def.tmp"), "");
        Path otherTarget = Files.writeString(dir.resolve(".vocabulary.txt." + finished.pid() + "-ghi.tmp"), "");
        write(dir.resolve("model.json"), "{}");
        assertFalse(Files.exists(stale), "a dead process's temporary file is removed");
        assertTrue(Files.exists(live), "a running process's temporary file is kept (it may be saving)");
        assertTrue(Files.exists(otherTarget), "temporary files of other targets are left alone");
    }
}
