package lesion.engine;

import java.util.Map;
import org.bytedeco.javacpp.Loader;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Which native ND4J build is loaded, for the benchmark's header: the JavaCPP platform and its extension (the
 * classifier suffix such as {@code -avx2}, {@code -avx512} or {@code -onednn}; empty for the generic build), the
 * file the ND4J CPU library was loaded from, and libnd4j's own instruction-set level of the binary against the best
 * level the CPU supports. Speed figures mean little without it: the generic x86-64 build runs the same code several
 * times slower than an AVX2 one on the same machine.
 */
public final class NativeBuild {

    private NativeBuild() {
    }

    /** Name to value, in a stable order; what cannot be determined is "unknown". */
    public static Map<String, String> describe() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        out.put("javacpp platform", EngineInfo.safe(Loader::getPlatform));
        String ext = System.getProperty("org.bytedeco.javacpp.platform.extension");
        out.put("platform extension", ext == null || ext.isBlank() ? "none (generic build)" : ext);
        out.put("nd4j library", EngineInfo.safe(NativeBuild::library));
        out.put("instruction level", EngineInfo.safe(NativeBuild::levels));
        return out;
    }

    /** The loaded file of jnind4jcpu (the JNI bridge, next to libnd4jcpu in the same classifier folder). */
    private static String library() {
        org.nd4j.linalg.factory.Nd4j.getBackend(); // loads the library if nothing has yet
        for (Map.Entry<String, String> e : Loader.getLoadedLibraries().entrySet()) {
            if (e.getKey().contains("nd4jcpu") && e.getValue() != null) {
                return e.getValue();
            }
        }
        return null;
    }

    /** libnd4j's binaryLevel and optimalLevel: 1 generic x86-64, 2 AVX2, 3 AVX-512 (0: not an x86 build). */
    private static String levels() {
        org.nd4j.linalg.factory.Nd4j.getBackend();
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        return "binary " + ops.binaryLevel() + ", cpu supports " + ops.optimalLevel()
                + " (1 generic x86-64, 2 AVX2, 3 AVX-512)";
    }
}
