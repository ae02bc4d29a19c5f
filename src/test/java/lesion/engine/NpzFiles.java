package lesion.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes {@code .npy} and {@code .npz} files as NumPy does ({@code numpy.save}, {@code numpy.savez}), without
 * NumPy, so the tests make their own files; {@code tests/fixtures/npz/} holds files NumPy itself wrote, to check
 * the reader against the real thing. Plain Java: no production code, no DL4J.
 */
public final class NpzFiles {

    private NpzFiles() {
    }

    /**
     * An array: values given in C order, written with NumPy type {@code descr} ({@code <f4}, {@code >f8},
     * {@code <i8}, …) in C or Fortran order.
     */
    public record Array(String descr, boolean fortran, long[] shape, double[] values) {
        public static Array f32(long[] shape, double... values) {
            return new Array("<f4", false, shape, values);
        }

        public static Array f32(long[] shape, float[] values) {
            double[] d = new double[values.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = values[i];
            }
            return f32(shape, d);
        }

        public Array as(String newDescr, boolean newFortran) {
            return new Array(newDescr, newFortran, shape, values);
        }
    }

    /** Shorthand for a shape. */
    public static long[] shape(long... dims) {
        return dims;
    }

    /** A version 1.0 {@code .npy} file. */
    public static byte[] npy(Array a) {
        return npy(a, 1);
    }

    /** A {@code .npy} file of format version 1 or 2 (uint16 or uint32 header length). */
    public static byte[] npy(Array a, int version) {
        StringBuilder shape = new StringBuilder("(");
        for (int i = 0; i < a.shape().length; i++) {
            shape.append(i == 0 ? "" : ", ").append(a.shape()[i]);
        }
        shape.append(a.shape().length == 1 ? ",)" : ")");
        String dict = "{'descr': '" + a.descr() + "', 'fortran_order': " + (a.fortran() ? "True" : "False")
                + ", 'shape': " + shape + ", }";
        int prefix = version == 1 ? 10 : 12;
        // NumPy pads the header with spaces and a newline so the data starts at a multiple of 64
        int total = (prefix + dict.length() + 1 + 63) / 64 * 64;
        String header = dict + " ".repeat(total - prefix - dict.length() - 1) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) version, 0});
        ByteBuffer len = ByteBuffer.allocate(version == 1 ? 2 : 4).order(ByteOrder.LITTLE_ENDIAN);
        if (version == 1) {
            len.putShort((short) header.length());
        } else {
            len.putInt(header.length());
        }
        out.writeBytes(len.array());
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(data(a));
        return out.toByteArray();
    }

    private static byte[] data(Array a) {
        double[] v = a.fortran() ? toFortran(a.values(), a.shape()) : a.values();
        int size = Integer.parseInt(a.descr().substring(2));
        ByteBuffer buf = ByteBuffer.allocate(v.length * size)
                .order(a.descr().charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (double x : v) {
            switch (a.descr().substring(1)) {
                case "f4" -> buf.putFloat((float) x);
                case "f8" -> buf.putDouble(x);
                case "i8" -> buf.putLong((long) x);
                case "i4" -> buf.putInt((int) x);
                case "f2" -> buf.putShort((short) 0);
                default -> throw new IllegalArgumentException("no writer for " + a.descr());
            }
        }
        return buf.array();
    }

    /** C-order values rearranged so that the first index varies fastest. */
    private static double[] toFortran(double[] c, long[] shape) {
        double[] f = new double[c.length];
        int rank = shape.length;
        long[] index = new long[rank];
        for (int i = 0; i < c.length; i++) {
            // index of C position i, last dimension fastest
            long rest = i;
            for (int d = rank - 1; d >= 0; d--) {
                index[d] = rest % shape[d];
                rest /= shape[d];
            }
            long offset = 0;
            for (int d = rank - 1; d >= 0; d--) {
                offset = offset * shape[d] + index[d];
            }
            f[(int) offset] = c[i];
        }
        return f;
    }

    /** An {@code .npz} file: one {@code <name>.npy} entry per array, in the map's order. */
    public static Path write(Path file, Map<String, Array> arrays) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        arrays.forEach((name, a) -> entries.put(name + ".npy", npy(a)));
        return writeRaw(file, entries);
    }

    /**
     * An {@code .npz} file whose entries are given as raw bytes (for damaged or foreign entries), stored
     * uncompressed as {@code numpy.savez} stores them.
     */
    public static Path writeRaw(Path file, Map<String, byte[]> entries) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                CRC32 crc = new CRC32();
                crc.update(e.getValue());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(e.getValue().length);
                entry.setCompressedSize(e.getValue().length);
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }
}
