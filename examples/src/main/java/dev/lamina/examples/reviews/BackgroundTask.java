package dev.lamina.examples.reviews;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A task started at once on its own daemon thread, so that it overlaps the caller's work (on two cores, ND4J's
 * start-up overlaps reading the data, and drawing the training curves overlaps the final training). {@link #join()}
 * waits for it and rethrows what made it fail.
 *
 * <pre>{@code
 * BackgroundTask curves = BackgroundTask.start("training-curves", () -> Charts.trainingCurves(history, png));
 * model.fit(x, y, options);   // meanwhile, the chart is drawn
 * curves.join();
 * }</pre>
 */
final class BackgroundTask {

    /** The work to do; may fail with an {@link IOException}. */
    @FunctionalInterface
    interface Work {
        void run() throws IOException;
    }

    private final FutureTask<Void> task;

    private BackgroundTask(Work work) {
        this.task = new FutureTask<>(() -> {
            work.run();
            return null;
        });
    }

    /** Starts {@code work} on a new daemon thread called {@code name}. */
    static BackgroundTask start(String name, Work work) {
        BackgroundTask background = new BackgroundTask(work);
        Thread thread = new Thread(background.task, name);
        thread.setDaemon(true);
        thread.start();
        return background;
    }

    /** Waits for the work to finish; rethrows its exception or error. */
    void join() throws IOException {
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + task);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
