package dev.lamina.examples.reviews;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BackgroundTaskTest {

    @Test
    void runsOnItsOwnDaemonThreadWhileTheCallerWorks() throws Exception {
        CountDownLatch callerWorked = new CountDownLatch(1);
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        BackgroundTask task = BackgroundTask.start("test-task", () -> {
            ranOn.set(Thread.currentThread());
            try {
                callerWorked.await(); // finishes only after the caller did its part: the two overlap
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        callerWorked.countDown();
        task.join();
        assertEquals("test-task", ranOn.get().getName());
        assertTrue(ranOn.get().isDaemon());
    }

    @Test
    void joinRethrowsWhatTheWorkThrew() {
        IOException io = new IOException("disk full");
        assertSame(io, assertThrows(IOException.class, () -> BackgroundTask.start("io", () -> {
            throw io;
        }).join()));
        IllegalStateException state = new IllegalStateException("no backend");
        assertSame(state, assertThrows(IllegalStateException.class, () -> BackgroundTask.start("state", () -> {
            throw state;
        }).join()));
        assertThrows(OutOfMemoryError.class, () -> BackgroundTask.start("error", () -> {
            throw new OutOfMemoryError("simulated");
        }).join());
    }
}
