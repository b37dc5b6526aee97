package dev.lamina.benchmarks;

/**
 * A framework (and, for PyTorch, a way of feeding the input) trained in a grid cell; the PyTorch ones name the
 * variant that {@code pytorch_imdb.py} runs.
 *
 * <pre>{@code
 * Contender.TORCH_EMBEDDING_BAG.torchVariant()   // "embedding_bag"
 * }</pre>
 */
enum Contender {
    LAMINA("Lamina", null),
    TORCH_DENSE("PyTorch", "dense"),
    TORCH_SPARSE_MM("PyTorch sparse.mm", "sparse_mm"),
    TORCH_EMBEDDING_BAG("PyTorch EmbeddingBag", "embedding_bag"),
    DL4J("DL4J", null);

    private final String label;
    private final String torchVariant;

    Contender(String label, String torchVariant) {
        this.label = label;
        this.torchVariant = torchVariant;
    }

    String label() {
        return label;
    }

    /** The variant name for the PyTorch peer, or null for the Java frameworks. */
    String torchVariant() {
        return torchVariant;
    }

    boolean isTorch() {
        return torchVariant != null;
    }
}
