package dev.lamina.examples.reviews;

import dev.lamina.layers.Sequential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What every {@code train} command leaves in its output directory: the model in Lamina's file ({@code model.json}), in
 * Keras 3's archive ({@code model.keras}, which Python's {@code keras.models.load_model} opens) and the vocabulary
 * beside each ({@code model.vocabulary.txt}). A model Keras cannot express (a custom activation with parameters) keeps
 * its Lamina file only (a {@code model.keras} of an earlier run is removed, as it would not match the new vocabulary),
 * and the returned note says why.
 *
 * <pre>{@code
 * ModelFiles files = ModelFiles.save(model, vocabulary, Path.of("out/movie-reviews"));
 * out.println(files.summary());   // Wrote out/movie-reviews/model.json, ...
 * }</pre>
 */
record ModelFiles(Path model, List<Path> written, String note) {

    static ModelFiles save(Sequential model, Vocabulary vocabulary, Path outDir) throws IOException {
        Path json = outDir.resolve("model.json");
        model.save(json);
        List<Path> written = new ArrayList<>(List.of(json));
        String note = null;
        Path keras = outDir.resolve("model.keras");
        try {
            model.save(keras);
            written.add(keras);
        } catch (IllegalArgumentException e) { // what Keras's config cannot hold; the JSON file has it all
            boolean stale = Files.deleteIfExists(keras); // an older run's model would not match this vocabulary
            note = "model.keras not written" + (stale ? " (the previous one was removed)" : "") + ": "
                    + e.getMessage();
        }
        Path words = PredictCommand.vocabularyPath(json);
        vocabulary.save(words);
        written.add(words);
        return new ModelFiles(json, List.copyOf(written), note);
    }

    /** One line naming the files written, and a second with the note when there is one. */
    String summary() {
        StringBuilder text = new StringBuilder("Wrote");
        for (int i = 0; i < written.size(); i++) {
            text.append(i == 0 ? " " : i == written.size() - 1 ? " and " : ", ").append(written.get(i));
        }
        return note == null ? text.toString() : text + System.lineSeparator() + note;
    }
}
