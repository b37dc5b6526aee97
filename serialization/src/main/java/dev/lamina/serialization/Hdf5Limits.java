package dev.lamina.serialization;

/**
 * The bounds that reading Keras files keeps to, whatever a file claims, so that a hostile file is refused before any
 * large allocation: the whole file, each zip entry, the inflation ratio, the number of zip entries and HDF5 names,
 * and the length of a string attribute.
 *
 * <pre>{@code
 * if (size > Hdf5Limits.MAX_FILE_BYTES) throw ...;   // checked before the file is read
 * }</pre>
 */
final class Hdf5Limits {

    /** The largest model file (HDF5 or {@code .keras} zip) read: 256 MiB, as for Lamina's JSON files. */
    static final long MAX_FILE_BYTES = ModelJson.DEFAULT_MAX_BYTES;
    /** The largest JSON entry of a {@code .keras} archive ({@code config.json}, {@code metadata.json}): 16 MiB. */
    static final long MAX_JSON_ENTRY_BYTES = 16L << 20;
    /** The most entries a {@code .keras} archive may list (Keras writes three, plus assets for some layers). */
    static final int MAX_ZIP_ENTRIES = 64;
    /** The largest inflated-to-compressed ratio accepted for a deflated entry above 1 MiB (zip bombs reach 1000+). */
    static final long MAX_COMPRESSION_RATIO = 100;
    /** The most names a {@code layer_names} or {@code weight_names} attribute may hold. */
    static final int MAX_NAMES = ArchitectureReader.MAX_LAYERS;
    /** The largest string attribute ({@code model_config}) read from HDF5. */
    static final long MAX_STRING_BYTES = MAX_JSON_ENTRY_BYTES;

    private Hdf5Limits() {
    }
}
