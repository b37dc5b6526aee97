package dev.lamina.serialization;

import com.fasterxml.jackson.databind.JsonNode;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The layout of Keras files, to compare what Lamina writes with what Keras wrote: the nodes of an HDF5 file, the
 * shape of a JSON document, one entry of a {@code .keras} zip.
 *
 * <pre>{@code
 * assertEquals(KerasLayouts.structure(real), KerasLayouts.structure(ours));
 * }</pre>
 */
final class KerasLayouts {

    private KerasLayouts() {
    }

    /** The bytes of entry {@code name} of a zip archive. */
    static byte[] entry(Path archive, String name) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            ZipEntry entry = zip.getEntry(name);
            if (entry == null) {
                throw new AssertionError(archive + " has no entry " + name);
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return in.readAllBytes();
            }
        }
    }

    /** Every node of an HDF5 file: groups with their attribute names, datasets with their type and shape. */
    static Map<String, String> structure(HdfFile file) {
        Map<String, String> nodes = new TreeMap<>();
        walk(file, nodes);
        return nodes;
    }

    private static void walk(Group group, Map<String, String> nodes) {
        for (Node child : group.getChildren().values()) {
            if (child instanceof Group g) {
                nodes.put(g.getPath(), "group " + new TreeSet<>(g.getAttributes().keySet()));
                walk(g, nodes);
            } else {
                Dataset d = (Dataset) child;
                nodes.put(d.getPath(), d.getJavaType().getSimpleName() + " " + Arrays.toString(d.getDimensions()));
            }
        }
    }

    /** The shape of a JSON document: keys and value kinds, not values; Keras's object-sharing ids left out. */
    static String shape(JsonNode node) {
        if (node.isObject()) {
            Map<String, String> fields = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!field.getKey().equals("shared_object_id")) {
                    fields.put(field.getKey(), shape(field.getValue()));
                }
            }
            return fields.toString();
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(shape(item)));
            return items.toString();
        }
        return node.getNodeType().name();
    }
}
