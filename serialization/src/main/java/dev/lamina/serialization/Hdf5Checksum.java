package dev.lamina.serialization;

/**
 * The checksum of HDF5's version-2 metadata (superblock, object headers): Bob Jenkins's lookup3 {@code hashlittle}
 * with initial value 0, over bytes read as little-endian 32-bit words, as the HDF5 file format specifies.
 *
 * <pre>{@code
 * int sum = Hdf5Checksum.of(header, 0, header.length - 4);   // stored little-endian after the bytes it covers
 * }</pre>
 */
final class Hdf5Checksum {

    private Hdf5Checksum() {
    }

    /** lookup3 of {@code length} bytes from {@code offset}, with initial value 0. */
    static int of(byte[] bytes, int offset, int length) {
        return of(bytes, offset, length, 0);
    }

    /** lookup3 of {@code length} bytes from {@code offset}, with initial value {@code seed}. */
    static int of(byte[] bytes, int offset, int length, int seed) {
        int a = 0xdeadbeef + length + seed;
        int b = a;
        int c = a;
        int at = offset;
        int left = length;
        while (left > 12) {
            a += word(bytes, at, 4);
            b += word(bytes, at + 4, 4);
            c += word(bytes, at + 8, 4);
            // mix(a, b, c)
            a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
            a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
            at += 12;
            left -= 12;
        }
        if (left == 0) {
            return c;
        }
        // the last block of 1 to 12 bytes, missing bytes counting as zero
        a += word(bytes, at, Math.min(left, 4));
        if (left > 4) {
            b += word(bytes, at + 4, Math.min(left - 4, 4));
        }
        if (left > 8) {
            c += word(bytes, at + 8, left - 8);
        }
        // final(a, b, c)
        c ^= b; c -= Integer.rotateLeft(b, 14);
        a ^= c; a -= Integer.rotateLeft(c, 11);
        b ^= a; b -= Integer.rotateLeft(a, 25);
        c ^= b; c -= Integer.rotateLeft(b, 16);
        a ^= c; a -= Integer.rotateLeft(c, 4);
        b ^= a; b -= Integer.rotateLeft(a, 14);
        c ^= b; c -= Integer.rotateLeft(b, 24);
        return c;
    }

    /** Up to four bytes from {@code at} as a little-endian word. */
    private static int word(byte[] bytes, int at, int count) {
        int value = 0;
        for (int i = 0; i < count; i++) {
            value |= (bytes[at + i] & 0xff) << (8 * i);
        }
        return value;
    }
}
