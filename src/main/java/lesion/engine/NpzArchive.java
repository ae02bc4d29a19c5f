package lesion.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import lesion.results.Sha256;

/**
 * The arrays of a NumPy {@code .npz} file (what {@code numpy.savez} and {@code numpy.savez_compressed} write): a
 * zip archive holding one {@code <name>.npy} entry per array, stored or deflated. Every entry is read and parsed
 * by {@link NpyArray}; an entry that is not an {@code .npy} file, a damaged entry or a file that is not a zip
 * archive is an {@link EngineException} naming the file and the entry. The SHA-256 is of the file's bytes.
 */
record NpzArchive(Path file, Map<String, NpyArray> arrays, String sha256) {

    NpzArchive {
        arrays = Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
    }

    /** Reads {@code file}; {@code what} names it in messages, e.g. "weights file". */
    static NpzArchive read(Path file, String what) {
        String where = what + " " + file;
        if (!Files.isRegularFile(file)) {
            throw new EngineException(where + " does not exist");
        }
        String sha256;
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            sha256 = Sha256.hex(file);
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String entryName = entry.getName();
                if (entry.isDirectory() || !entryName.endsWith(".npy")) {
                    throw new EngineException(where + " holds '" + entryName + "', which is not an .npy array "
                            + "(an .npz file written by numpy.savez holds only <name>.npy entries)");
                }
                String name = entryName.substring(0, entryName.length() - ".npy".length());
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                } catch (IOException e) {
                    throw new EngineException(where + ": array '" + name + "' is damaged (" + e.getMessage() + ")", e);
                }
                // ZipFile checks no CRC of stored entries, which is how numpy.savez writes them
                CRC32 crc = new CRC32();
                crc.update(bytes);
                if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
                    throw new EngineException(where + ": array '" + name + "' is damaged (its CRC-32 does not "
                            + "match the zip's)");
                }
                NpyArray array;
                try {
                    array = NpyArray.parse(name, bytes);
                } catch (EngineException e) {
                    throw new EngineException(where + ": " + e.getMessage(), e);
                }
                if (arrays.put(name, array) != null) {
                    throw new EngineException(where + " holds array '" + name + "' twice");
                }
            }
        } catch (ZipException e) {
            throw new EngineException(where + " is not an .npz file: it is not a zip archive or it is damaged ("
                    + e.getMessage() + "); write it with numpy.savez", e);
        } catch (IOException e) {
            throw new EngineException("cannot read " + where + ": " + e.getMessage(), e);
        }
        return new NpzArchive(file, arrays, sha256);
    }
}
