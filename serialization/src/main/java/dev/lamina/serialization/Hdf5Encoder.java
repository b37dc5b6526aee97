package dev.lamina.serialization;

import dev.lamina.serialization.Hdf5Writer.Dataset;
import dev.lamina.serialization.Hdf5Writer.Group;
import dev.lamina.serialization.Hdf5Writer.Node;
import dev.lamina.serialization.Hdf5Writer.Type;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lays out and encodes the tree of an {@link Hdf5Writer.Group} as an HDF5 file: the superblock (version 2), then every
 * object depth-first (a version-2 object header with its checksum; a dataset's contiguous data right after its
 * header, 8-byte aligned), then one global heap collection holding the string attributes. Object header sizes do not
 * depend on the addresses in them, so one pass places every object and a second writes the bytes.
 *
 * <pre>{@code
 * byte[] file = new Hdf5Encoder(root).write();   // what Hdf5Writer.Group.toBytes() does
 * }</pre>
 */
final class Hdf5Encoder {

    private static final long UNDEFINED = -1L;
    private static final int SUPERBLOCK_SIZE = 48;
    private static final int HEAP_MIN_SIZE = 4096;
    private static final int HEAP_OBJECT_HEADER = 16;
    private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private static final int MSG_DATASPACE = 0x01;
    private static final int MSG_LINK_INFO = 0x02;
    private static final int MSG_DATATYPE = 0x03;
    private static final int MSG_FILL_VALUE = 0x05;
    private static final int MSG_LINK = 0x06;
    private static final int MSG_LAYOUT = 0x08;
    private static final int MSG_GROUP_INFO = 0x0a;
    private static final int MSG_ATTRIBUTE = 0x0c;

    private final Group root;
    private final List<byte[]> heapObjects = new ArrayList<>();
    private long heapAddress;
    private long heapSize;
    private long end;

    Hdf5Encoder(Group root) {
        this.root = root;
    }

    byte[] write() {
        collectStrings(root);
        long at = place(root, SUPERBLOCK_SIZE);
        heapAddress = align(at);
        long objects = HEAP_OBJECT_HEADER; // the collection's own header
        for (byte[] object : heapObjects) {
            objects += HEAP_OBJECT_HEADER + align(object.length);
        }
        heapSize = heapObjects.isEmpty() ? 0 : Math.max(HEAP_MIN_SIZE, objects + HEAP_OBJECT_HEADER);
        end = heapAddress + heapSize;
        if (end > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("The weights need " + end + " bytes; an HDF5 file written in "
                    + "memory holds at most 2 GiB. Save fewer or smaller layers.");
        }
        ByteBuffer file = ByteBuffer.allocate((int) end).order(ByteOrder.LITTLE_ENDIAN);
        writeSuperblock(file);
        writeNode(file, root);
        if (!heapObjects.isEmpty()) {
            writeHeap(file);
        }
        return file.array();
    }

    private void collectStrings(Group group) {
        for (Map.Entry<String, String> attribute : group.attributes.entrySet()) {
            if (heapObjects.size() == 0xffff) { // heap object indices are 16 bits
                throw new IllegalArgumentException("An HDF5 file written by Hdf5Writer holds at most 65,535 "
                        + "string attributes (one global heap collection); this one has more.");
            }
            heapObjects.add(attribute.getValue().getBytes(StandardCharsets.UTF_8));
            group.heapIds.put(attribute.getKey(), new long[] {heapObjects.size()});
        }
        for (Node child : group.children.values()) {
            if (child instanceof Group g) {
                collectStrings(g);
            }
        }
    }

    /** Gives {@code node} (and its subtree) addresses from {@code at}; returns the first free address after. */
    private long place(Node node, long at) {
        node.address = align(at);
        long next = node.address + header(node).length;
        if (node instanceof Dataset dataset) {
            dataset.dataAddress = dataset.data.length == 0 ? UNDEFINED : align(next);
            return dataset.data.length == 0 ? next : dataset.dataAddress + dataset.data.length;
        }
        for (Node child : ((Group) node).children.values()) {
            next = place(child, next);
        }
        return next;
    }

    private void writeNode(ByteBuffer file, Node node) {
        file.put((int) node.address, header(node));
        if (node instanceof Dataset dataset) {
            if (dataset.data.length > 0) {
                file.put((int) dataset.dataAddress, dataset.data);
            }
            return;
        }
        for (Node child : ((Group) node).children.values()) {
            writeNode(file, child);
        }
    }

    private void writeSuperblock(ByteBuffer file) {
        ByteBuffer block = ByteBuffer.allocate(SUPERBLOCK_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        block.put(SIGNATURE);
        block.put((byte) 2); // superblock version
        block.put((byte) 8); // size of offsets
        block.put((byte) 8); // size of lengths
        block.put((byte) 0); // file consistency flags
        block.putLong(0); // base address
        block.putLong(UNDEFINED); // no superblock extension
        block.putLong(end); // end-of-file address
        block.putLong(root.address);
        block.putInt(Hdf5Checksum.of(block.array(), 0, SUPERBLOCK_SIZE - 4));
        file.put(0, block.array());
    }

    /** The global heap collection holding the string attributes (objects 1..n, then the free space, object 0). */
    private void writeHeap(ByteBuffer file) {
        ByteBuffer heap = ByteBuffer.allocate((int) heapSize).order(ByteOrder.LITTLE_ENDIAN);
        heap.put("GCOL".getBytes(StandardCharsets.US_ASCII));
        heap.put((byte) 1).put((byte) 0).put((byte) 0).put((byte) 0);
        heap.putLong(heapSize);
        int index = 1;
        for (byte[] object : heapObjects) {
            heap.putShort((short) index++);
            heap.putShort((short) 1); // reference count
            heap.putInt(0);
            heap.putLong(object.length);
            heap.put(object);
            heap.position((int) align(heap.position()));
        }
        long free = heapSize - heap.position();
        heap.putShort((short) 0); // object 0: the rest of the collection is free space
        heap.putShort((short) 0);
        heap.putInt(0);
        heap.putLong(free);
        file.put((int) heapAddress, heap.array());
    }

    /** The object header of {@code node}; its length does not depend on the addresses in it. */
    private byte[] header(Node node) {
        List<byte[]> messages = new ArrayList<>();
        if (node instanceof Dataset dataset) {
            messages.add(message(MSG_DATATYPE, 1, datatype(dataset.type)));
            messages.add(message(MSG_DATASPACE, 0, dataspace(dataset.shape)));
            messages.add(message(MSG_FILL_VALUE, 1, new byte[] {3, 0x0a})); // v3: allocate late, fill if set
            ByteBuffer layout = ByteBuffer.allocate(18).order(ByteOrder.LITTLE_ENDIAN);
            layout.put((byte) 3).put((byte) 1).putLong(dataset.dataAddress).putLong(dataset.data.length);
            messages.add(message(MSG_LAYOUT, 0, layout.array()));
        } else {
            Group group = (Group) node;
            ByteBuffer linkInfo = ByteBuffer.allocate(18).order(ByteOrder.LITTLE_ENDIAN);
            linkInfo.put((byte) 0).put((byte) 0).putLong(UNDEFINED).putLong(UNDEFINED);
            messages.add(message(MSG_LINK_INFO, 0, linkInfo.array()));
            messages.add(message(MSG_GROUP_INFO, 0, new byte[] {0, 0}));
            for (Map.Entry<String, Node> child : group.children.entrySet()) {
                messages.add(message(MSG_LINK, 0, link(child.getKey(), child.getValue().address)));
            }
            for (Map.Entry<String, String> attribute : group.attributes.entrySet()) {
                long[] id = group.heapIds.get(attribute.getKey());
                int length = attribute.getValue().getBytes(StandardCharsets.UTF_8).length;
                messages.add(message(MSG_ATTRIBUTE, 0, stringAttribute(attribute.getKey(), length,
                        id == null ? 0 : id[0])));
            }
        }
        int size = 0;
        for (byte[] m : messages) {
            size += m.length;
        }
        ByteBuffer header = ByteBuffer.allocate(4 + 1 + 1 + 4 + size + 4).order(ByteOrder.LITTLE_ENDIAN);
        header.put("OHDR".getBytes(StandardCharsets.US_ASCII));
        header.put((byte) 2); // version
        header.put((byte) 0x02); // the size of chunk 0 takes 4 bytes; no times, no attribute order
        header.putInt(size);
        for (byte[] m : messages) {
            header.put(m);
        }
        header.putInt(Hdf5Checksum.of(header.array(), 0, header.position()));
        return header.array();
    }

    private byte[] stringAttribute(String name, int length, long heapIndex) {
        byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.UTF_8);
        byte[] type = vlenUtf8String();
        byte[] space = dataspace(new long[0]);
        ByteBuffer m = ByteBuffer.allocate(9 + nameBytes.length + type.length + space.length + 16)
                .order(ByteOrder.LITTLE_ENDIAN);
        m.put((byte) 3).put((byte) 0); // version 3, no flags
        m.putShort((short) nameBytes.length).putShort((short) type.length).putShort((short) space.length);
        m.put((byte) 1); // the name is UTF-8
        m.put(nameBytes).put(type).put(space);
        m.putInt(length).putLong(heapAddress).putInt((int) heapIndex); // the string's global heap id
        return m.array();
    }

    private static byte[] link(String name, long address) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        boolean ascii = nameBytes.length == name.length();
        boolean longName = nameBytes.length > 255;
        ByteBuffer m = ByteBuffer.allocate(2 + (ascii ? 0 : 1) + (longName ? 2 : 1) + nameBytes.length + 8)
                .order(ByteOrder.LITTLE_ENDIAN);
        m.put((byte) 1); // version
        m.put((byte) ((longName ? 1 : 0) | (ascii ? 0 : 0x10))); // length width; charset present when UTF-8
        if (!ascii) {
            m.put((byte) 1);
        }
        if (longName) {
            m.putShort((short) nameBytes.length);
        } else {
            m.put((byte) nameBytes.length);
        }
        m.put(nameBytes).putLong(address); // a hard link
        return m.array();
    }

    private static byte[] dataspace(long[] shape) {
        ByteBuffer m = ByteBuffer.allocate(4 + 8 * shape.length).order(ByteOrder.LITTLE_ENDIAN);
        m.put((byte) 2).put((byte) shape.length).put((byte) 0).put((byte) (shape.length == 0 ? 0 : 1));
        for (long d : shape) {
            m.putLong(d);
        }
        return m.array();
    }

    private static byte[] datatype(Type type) {
        ByteBuffer m = ByteBuffer.allocate(type == Type.INT64 ? 12 : 20).order(ByteOrder.LITTLE_ENDIAN);
        switch (type) {
            case INT64 -> {
                m.put((byte) 0x10).put((byte) 0x08).put((byte) 0).put((byte) 0); // fixed point, signed, LE
                m.putInt(8).putShort((short) 0).putShort((short) 64);
            }
            case FLOAT32 -> {
                m.put((byte) 0x11).put((byte) 0x20).put((byte) 31).put((byte) 0); // IEEE, LE, sign at bit 31
                m.putInt(4).putShort((short) 0).putShort((short) 32);
                m.put((byte) 23).put((byte) 8).put((byte) 0).put((byte) 23).putInt(127);
            }
            case FLOAT64 -> {
                m.put((byte) 0x11).put((byte) 0x20).put((byte) 63).put((byte) 0);
                m.putInt(8).putShort((short) 0).putShort((short) 64);
                m.put((byte) 52).put((byte) 11).put((byte) 0).put((byte) 52).putInt(1023);
            }
            default -> throw new IllegalStateException(type.name());
        }
        return m.array();
    }

    /** A variable-length string, null-terminated, UTF-8, of unsigned bytes: h5py's type for {@code str}. */
    private static byte[] vlenUtf8String() {
        ByteBuffer m = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        m.put((byte) 0x19).put((byte) 0x01).put((byte) 0x01).put((byte) 0); // vlen string, UTF-8
        m.putInt(16); // length, heap address, index
        m.put((byte) 0x10).put((byte) 0).put((byte) 0).put((byte) 0); // base: 8-bit unsigned integer
        m.putInt(1).putShort((short) 0).putShort((short) 8);
        return m.array();
    }

    private static byte[] message(int type, int flags, byte[] data) {
        ByteBuffer m = ByteBuffer.allocate(4 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        m.put((byte) type).putShort((short) data.length).put((byte) flags).put(data);
        return m.array();
    }

    private static long align(long at) {
        return (at + 7) & ~7L;
    }
}
