package lesion.engine;

import lesion.results.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads files in the IDX format (as used by MNIST) and refuses anything that is not exactly well formed.
 *
 * <p>Layout: two zero bytes, a type byte (only 0x08, unsigned byte, is supported), a dimension-count byte,
 * one big-endian int32 per dimension, then the data, row-major. The file length must equal the header plus the
 * product of the dimensions: a truncated file or trailing bytes are errors, never silently accepted.
 */
final class IdxReader {

    /** A parsed IDX file: its dimensions, its bytes (data from {@code offset}) and the SHA-256 of the whole file. */
    record IdxFile(Path path, int[] dims, byte[] bytes, int offset, String sha256) {
        int count() {
            return dims[0];
        }
    }

    /** Images: {@code count} images of {@code rows x cols} unsigned bytes. */
    record Images(Path path, int count, int rows, int cols, byte[] bytes, int offset, String sha256) {
        int pixelsPerImage() {
            return rows * cols;
        }
    }

    /** Labels, one per image. */
    record Labels(Path path, int[] labels, String sha256) {
    }

    private IdxReader() {
    }

    static IdxFile read(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new EngineException("missing data file " + path);
        } catch (IOException e) {
            throw new EngineException("cannot read data file " + path + ": " + e.getMessage(), e);
        }
        if (bytes.length < 4) {
            throw new EngineException("data file " + path + " is not an IDX file: it has only " + bytes.length
                    + " bytes, fewer than the 4-byte header");
        }
        if (bytes[0] != 0 || bytes[1] != 0) {
            throw new EngineException(String.format("data file %s is not an IDX file: it starts with bytes %02x %02x, "
                    + "expected 00 00", path, bytes[0] & 0xff, bytes[1] & 0xff));
        }
        int type = bytes[2] & 0xff;
        if (type != 0x08) {
            throw new EngineException(String.format("data file %s has IDX data type 0x%02x (%s); only 0x08 "
                    + "(unsigned byte) is supported", path, type, typeName(type)));
        }
        int ndims = bytes[3] & 0xff;
        if (ndims == 0) {
            throw new EngineException("data file " + path + " declares 0 dimensions; expected at least 1");
        }
        long header = 4L + 4L * ndims;
        if (bytes.length < header) {
            throw new EngineException("data file " + path + " is truncated: its header declares " + ndims
                    + " dimensions and needs " + header + " bytes, but the file has " + bytes.length + " bytes");
        }
        int[] dims = new int[ndims];
        long product = 1;
        for (int i = 0; i < ndims; i++) {
            int p = 4 + 4 * i;
            // big-endian int32; a set top bit means a size over 2^31, which no IDX file we accept can have
            long d = ((bytes[p] & 0xffL) << 24) | ((bytes[p + 1] & 0xff) << 16) | ((bytes[p + 2] & 0xff) << 8)
                    | (bytes[p + 3] & 0xff);
            if (d > Integer.MAX_VALUE) {
                throw new EngineException("data file " + path + " declares dimension " + (i + 1) + " of size " + d
                        + ", which is too large");
            }
            dims[i] = (int) d;
            product *= d;
            if (product > Integer.MAX_VALUE) {
                throw new EngineException("data file " + path + " declares dimensions " + describe(dims, i + 1)
                        + ", more data than a Java array can hold");
            }
        }
        long expected = header + product;
        if (bytes.length != expected) {
            String what = bytes.length < expected ? "is truncated" : "has " + (bytes.length - expected)
                    + " unexpected trailing bytes";
            throw new EngineException("data file " + path + " " + what + ": dimensions " + describe(dims, ndims)
                    + " need " + expected + " bytes (" + header + " header + " + product + " data), but the file has "
                    + bytes.length + " bytes");
        }
        return new IdxFile(path, dims, bytes, (int) header, Sha256.hex(bytes));
    }

    /** Reads a 3-dimensional IDX file of images (count x rows x cols). */
    static Images readImages(Path path) {
        IdxFile f = read(path);
        if (f.dims().length != 3) {
            throw new EngineException("data file " + path + " should hold images (3 dimensions: count x rows x cols) "
                    + "but has " + f.dims().length + " dimensions " + describe(f.dims(), f.dims().length));
        }
        if (f.dims()[1] == 0 || f.dims()[2] == 0) {
            throw new EngineException("data file " + path + " holds images of size " + f.dims()[1] + "x"
                    + f.dims()[2] + "; images must have at least one pixel");
        }
        return new Images(path, f.dims()[0], f.dims()[1], f.dims()[2], f.bytes(), f.offset(), f.sha256());
    }

    /** Reads a 1-dimensional IDX file of labels and checks each is in {@code 0..numClasses-1}. */
    static Labels readLabels(Path path, int numClasses) {
        IdxFile f = read(path);
        if (f.dims().length != 1) {
            throw new EngineException("data file " + path + " should hold labels (1 dimension) but has "
                    + f.dims().length + " dimensions " + describe(f.dims(), f.dims().length));
        }
        int[] labels = new int[f.count()];
        byte[] b = f.bytes();
        for (int i = 0; i < labels.length; i++) {
            int label = b[f.offset() + i] & 0xff;
            if (label >= numClasses) {
                throw new EngineException("data file " + path + " has label " + label + " at index " + i
                        + ", outside the range 0.." + (numClasses - 1));
            }
            labels[i] = label;
        }
        return new Labels(path, labels, f.sha256());
    }

    private static String describe(int[] dims, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : "x").append(dims[i]);
        }
        return sb.toString();
    }

    private static String typeName(int type) {
        return switch (type) {
            case 0x09 -> "signed byte";
            case 0x0B -> "short";
            case 0x0C -> "int";
            case 0x0D -> "float";
            case 0x0E -> "double";
            default -> "not a valid IDX type";
        };
    }
}
