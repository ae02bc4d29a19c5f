package lesion.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One NumPy {@code .npy} array of floating-point numbers, as float32 values in C (row-major) order whatever order
 * and precision the file used.
 *
 * <p>Format (NumPy's "NPY format" note, versions 1.0, 2.0 and 3.0): the 6 bytes {@code \x93NUMPY}, a major and a
 * minor version byte, the header's length (little-endian uint16 in version 1, uint32 in 2 and 3), the header (a
 * Python dict literal with {@code 'descr'}, {@code 'fortran_order'} and {@code 'shape'}), then exactly the data.
 * The values of {@code f4} and {@code f8} arrays in either byte order are read, float64 rounded to float32 (the
 * precision of the networks); an array of any other type (integers, booleans, float16, objects, …) keeps only its
 * type and shape, and {@link #floats} refuses it with its NumPy name. Truncated data and trailing bytes are errors.
 */
record NpyArray(String name, String descr, long[] shape, float[] values) {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    NpyArray {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Whether the values are float32 or float64 (and so were read). */
    boolean isFloat() {
        return values != null;
    }

    /**
     * The values in C order; for an array of another type, an error naming its type. {@code where} starts the
     * message (e.g. "weights file w.npz: ").
     */
    float[] floats(String where) {
        if (values == null) {
            throw new EngineException(where + "array '" + name + "' has dtype " + numpyName(descr)
                    + "; weights must be float32 or float64 (convert with .astype(numpy.float32))");
        }
        return values;
    }

    /** The shape as NumPy prints it, e.g. {@code (20, 784)}. */
    String shapeText() {
        return shapeText(shape);
    }

    static String shapeText(long[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    /**
     * Parses the bytes of one {@code .npy} file; {@code name} is only for messages. Throws an
     * {@link EngineException} whose message starts with "array 'name'" and says what is wrong.
     */
    static NpyArray parse(String name, byte[] bytes) {
        String what = "array '" + name + "'";
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
            throw new EngineException(what + " is not a .npy array (it does not start with \\x93NUMPY)");
        }
        int major = bytes[6] & 0xff;
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = in.getShort(8) & 0xffff;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new EngineException(what + " is a truncated .npy array (its header is cut off)");
            }
            headerLength = in.getInt(8) & 0xffffffffL;
            headerStart = 12;
        } else {
            throw new EngineException(what + " has .npy format version " + major + "." + (bytes[7] & 0xff)
                    + "; versions 1, 2 and 3 are supported");
        }
        if (headerStart + headerLength > bytes.length) {
            throw new EngineException(what + " is a truncated .npy array (its header is cut off)");
        }
        // version 1 and 2 headers are latin-1, version 3 UTF-8; the keys and values we read are ASCII either way
        String header = new String(bytes, headerStart, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = field(DESCR, header, "descr", what);
        boolean fortran = field(FORTRAN, header, "fortran_order", what).equals("True");
        long[] shape = parseShape(field(SHAPE, header, "shape", what), what);

        int itemSize = itemSize(descr);
        long count = 1;
        for (long d : shape) {
            // saturate instead of overflowing, so an absurd header gives the size message below
            count = d == 0 || count <= Long.MAX_VALUE / d ? count * d : Long.MAX_VALUE;
        }
        long dataStart = headerStart + headerLength;
        long found = bytes.length - dataStart;
        if (itemSize > 0) {
            if (count > (Integer.MAX_VALUE - 8) / itemSize) {
                throw new EngineException(what + " is too large to read: " + count + " values of " + itemSize
                        + " bytes (at most 2 GiB per array)");
            }
            long expected = count * itemSize;
            if (found != expected) {
                throw new EngineException(what + " of shape " + shapeText(shape) + " and dtype " + numpyName(descr)
                        + " should have " + expected + " bytes of data but has " + found
                        + (found < expected ? " (the file is truncated)" : ""));
            }
        }
        if (!isFloat(descr)) {
            // kept without values: whether a non-float array is an error depends on what it is for
            return new NpyArray(name, descr, shape, null);
        }
        ByteOrder order = descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ByteBuffer data = ByteBuffer.wrap(bytes, (int) dataStart, (int) found).slice().order(order);
        float[] raw = new float[(int) count];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = itemSize == 4 ? data.getFloat(i * 4) : (float) data.getDouble(i * 8);
        }
        return new NpyArray(name, descr, shape, fortran && shape.length > 1 ? toCOrder(raw, shape) : raw);
    }

    private static String field(Pattern pattern, String header, String key, String what) {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new EngineException(what + " has a .npy header without a readable '" + key + "': " + header.strip());
        }
        return m.group(1);
    }

    private static long[] parseShape(String text, String what) {
        String[] parts = text.split(",");
        long[] dims = new long[parts.length];
        int n = 0;
        for (String part : parts) {
            // NumPy under Python 2 wrote longs as 3L
            String p = part.strip().replaceAll("[lL]$", "");
            if (p.isEmpty()) {
                continue;
            }
            try {
                dims[n] = Long.parseLong(p);
            } catch (NumberFormatException e) {
                throw new EngineException(what + " has a .npy header with a bad shape: (" + text + ")");
            }
            if (dims[n] < 0) {
                throw new EngineException(what + " has a .npy header with a negative size: (" + text + ")");
            }
            n++;
        }
        return Arrays.copyOf(dims, n);
    }

    private static boolean isFloat(String descr) {
        return descr.length() == 3 && "<>=|".indexOf(descr.charAt(0)) >= 0 && descr.charAt(1) == 'f'
                && (descr.charAt(2) == '4' || descr.charAt(2) == '8');
    }

    /** Bytes per value of a plain numeric or boolean type ({@code '<f4'}, {@code '|b1'}, …); 0 for other types. */
    private static int itemSize(String descr) {
        if (descr.length() < 3 || "<>=|".indexOf(descr.charAt(0)) < 0 || "fiucb".indexOf(descr.charAt(1)) < 0) {
            return 0;
        }
        try {
            return Integer.parseInt(descr.substring(2));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** NumPy's name of a type, with its code: {@code int64 ('<i8')}. */
    static String numpyName(String descr) {
        String code = "'" + descr + "'";
        if (descr.length() < 3 || "<>=|".indexOf(descr.charAt(0)) < 0) {
            return code;
        }
        int size;
        try {
            size = Integer.parseInt(descr.substring(2));
        } catch (NumberFormatException e) {
            return code;
        }
        String name = switch (descr.charAt(1)) {
            case 'f' -> "float" + 8 * size;
            case 'i' -> "int" + 8 * size;
            case 'u' -> "uint" + 8 * size;
            case 'c' -> "complex" + 8 * size;
            case 'b' -> "bool";
            case 'U' -> "str";
            case 'S' -> "bytes";
            case 'O' -> "object";
            default -> null;
        };
        return name == null ? code : name + " (" + code + ")";
    }

    /** Fortran (column-major) values to C (row-major) order. */
    private static float[] toCOrder(float[] f, long[] shape) {
        int rank = shape.length;
        // strides of the Fortran layout: the first index varies fastest
        long[] fStride = new long[rank];
        long s = 1;
        for (int d = 0; d < rank; d++) {
            fStride[d] = s;
            s *= shape[d];
        }
        float[] c = new float[f.length];
        long[] index = new long[rank];
        long offset = 0;
        for (int i = 0; i < c.length; i++) {
            c[i] = f[(int) offset];
            // advance the C-order index (last dimension fastest), keeping the Fortran offset in step
            for (int d = rank - 1; d >= 0; d--) {
                index[d]++;
                offset += fStride[d];
                if (index[d] < shape[d]) {
                    break;
                }
                offset -= fStride[d] * shape[d];
                index[d] = 0;
            }
        }
        return c;
    }
}
