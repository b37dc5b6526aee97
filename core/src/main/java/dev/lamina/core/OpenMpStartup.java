package dev.lamina.core;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.nd4j.common.io.Resource;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4jBackend;

/**
 * Lets ND4J's OpenMP threads sleep when idle, as {@code OMP_WAIT_POLICY=PASSIVE} in the shell would, for a JVM
 * started without it. By default OpenMP's idle threads spin; on a machine with few cores they take the cores from the
 * next operation, and training ran 2-4 times slower (a dense 64-unit epoch: 6.3-6.7 s against 0.9-1.6 s, this 2-core
 * machine). libgomp reads the variable once, when ND4J's natives load, and a JVM cannot change its environment through
 * Java; so this sets it in the C library's environment (through JNA) at the last moment that works: ND4J creates
 * every backend it finds on the class path before it loads any natives, and this class is registered as one (never
 * available, lowest priority, so ND4J never picks or tries it). A value the user set is kept.
 *
 * <pre>{@code
 * OMP_WAIT_POLICY=ACTIVE java ...                // kept: set it yourself to choose
 * java -Dlamina.setOmpWaitPolicy=false ...       // OpenMP's default (spinning), to measure the difference
 * }</pre>
 */
public final class OpenMpStartup extends Nd4jBackend {

    /** The variable libgomp (ND4J's OpenMP runtime) reads at load. */
    static final String VARIABLE = "OMP_WAIT_POLICY";

    static {
        boolean wanted = Boolean.parseBoolean(System.getProperty("lamina.setOmpWaitPolicy", "true"));
        if (wanted && System.getenv(VARIABLE) == null && (Platform.isLinux() || Platform.isMac())) {
            try {
                Native.load("c", CLibrary.class).setenv(VARIABLE, "PASSIVE", 0);
            } catch (LinkageError e) {
                // no usable C library through JNA here: ND4J starts with OpenMP's default, only slower
            }
        }
    }

    /** The C library's {@code setenv}. */
    interface CLibrary extends Library {
        int setenv(String name, String value, int overwrite);
    }

    @Override
    public int getPriority() {
        return Integer.MIN_VALUE;
    }

    @Override
    public boolean isAvailable() {
        return false;
    }

    @Override
    public boolean canRun() {
        return false;
    }

    @Override
    public boolean allowsOrder() {
        return false;
    }

    @Override
    public Resource getConfigurationResource() {
        return null;
    }

    @Override
    public Class getNDArrayClass() {
        return null;
    }

    @Override
    public Environment getEnvironment() {
        return null;
    }

    @Override
    public String buildInfo() {
        return "Lamina's OpenMP start-up hook (not a backend)";
    }

    @Override
    public void logBackendInit() {
        // not a backend: nothing to log
    }
}
