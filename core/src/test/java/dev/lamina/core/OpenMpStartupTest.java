package dev.lamina.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class OpenMpStartupTest {

    interface CLibrary extends Library {
        String getenv(String name);
    }

    @Test
    void nd4jStartsWithIdleOpenMpThreadsAsleepUnlessTheUserChoseOtherwise() {
        assumeTrue(Platform.isLinux() || Platform.isMac());
        Nd4j.scalar(1f); // ND4J has found its backends and loaded its natives
        String chosen = System.getenv(OpenMpStartup.VARIABLE); // the JVM's snapshot of its start-up environment
        String seenByOpenMp = Native.load("c", CLibrary.class).getenv(OpenMpStartup.VARIABLE);
        assertEquals(chosen == null ? "PASSIVE" : chosen, seenByOpenMp);
    }
}
