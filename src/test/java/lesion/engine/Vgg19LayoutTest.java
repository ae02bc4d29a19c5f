package lesion.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lesion.check.DataShape;
import lesion.check.LayerInfo;
import lesion.check.LayerTable;
import lesion.check.ModelLayouts;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/** The VGG-19 that runs is, layer for layer, the one {@code lesion layers} shows. */
class Vgg19LayoutTest {

    private static MultiLayerNetwork build(Vgg19Spec spec) {
        return NetworkFactory.build(spec, 1, new Sgd(0.1));
    }

    /** Same count, and per index the same name, type, output shape, parameter count, units and batch-norm flag. */
    private static void assertMatchesLayout(boolean batchNorm, double width) {
        Vgg19Spec spec = Vgg19Spec.of(batchNorm, width, DataShape.MNIST);
        LayerTable expected = ModelLayouts.vgg19(batchNorm, width, DataShape.MNIST);
        MultiLayerNetwork net = build(spec);
        LayerTable actual = NetworkLayers.of(net, "built");
        assertEquals(expected.size(), net.getnLayers(), spec + ": layer count");
        assertEquals(expected.size(), actual.size(), spec + ": layer count");
        for (int i = 0; i < expected.size(); i++) {
            LayerInfo e = expected.get(i);
            LayerInfo a = actual.get(i);
            String at = spec + ", layer " + i + " (" + e.name() + ")";
            assertEquals(e.name(), a.name(), at);
            assertEquals(e.type(), a.type(), at);
            assertArrayEquals(e.outputShape(), a.outputShape(), at + ": output shape " + a.shapeText());
            assertEquals(e.params(), a.params(), at + ": parameters");
            assertEquals(e.units(), a.units(), at + ": units");
            assertEquals(e.batchNormAfter(), a.batchNormAfter(), at + ": batch norm after");
            assertEquals(e, a, at);
        }
        assertEquals(expected.totalParams(), net.numParams());
        assertEquals(expected.layers(), actual.layers());
    }

    @Test
    void withBatchNormMatchesTheLayoutAtWidthQuarter() {
        assertMatchesLayout(true, 0.25);
    }

    @Test
    void withBatchNormMatchesTheLayoutAtWidthSixteenth() {
        assertMatchesLayout(true, 0.0625);
    }

    @Test
    void withoutBatchNormMatchesTheLayout() {
        assertMatchesLayout(false, 0.25);
        assertMatchesLayout(false, 0.0625);
    }

    @Test
    void theTorchvisionNumberingHolds() {
        LayerTable t = NetworkLayers.of(build(Vgg19Spec.of(true, 0.0625, DataShape.MNIST)), "built");
        // vgg19_bn: 16 × (conv, bn, relu) + 5 pools = 53 feature modules, then avgpool and 7 classifier modules
        assertEquals(61, t.size());
        assertEquals(16, t.ofKind("conv").size());
        assertEquals(List.of(6, 13, 26, 39, 52), t.layers().stream().filter(l -> l.type().equals("maxpool"))
                .map(LayerInfo::index).toList());
        assertEquals("conv", t.get(33).type());
        assertEquals("conv", t.get(46).type());
        assertEquals("avgpool", t.get(53).name());
        assertEquals("output", t.get(60).type());
        assertArrayEquals(new int[] {32, 1, 1}, t.get(52).outputShape());
    }

    @Test
    void poolsOnASideOfOneKeepTheSize() {
        MultiLayerNetwork net = build(Vgg19Spec.of(true, 0.0625, DataShape.MNIST));
        // 28 → 14 → 7 → 3 → 1, then block 5's pool keeps 1×1
        SubsamplingLayer block4 = (SubsamplingLayer) net.getLayer(39).conf().getLayer();
        SubsamplingLayer block5 = (SubsamplingLayer) net.getLayer(52).conf().getLayer();
        SubsamplingLayer avg = (SubsamplingLayer) net.getLayer(53).conf().getLayer();
        assertArrayEquals(new int[] {2, 2}, block4.getKernelSize());
        assertArrayEquals(new int[] {1, 1}, block5.getKernelSize());
        assertArrayEquals(new int[] {1, 1}, avg.getKernelSize());
    }

    @Test
    void flattenedImagesGoInClassProbabilitiesComeOut() {
        MultiLayerNetwork net = build(Vgg19Spec.of(true, 0.0625, DataShape.MNIST));
        INDArray out = net.output(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, 784), false);
        assertArrayEquals(new long[] {3, 10}, out.shape());
        for (int r = 0; r < 3; r++) {
            assertEquals(1.0, out.getRow(r).sumNumber().doubleValue(), 1e-5);
        }
    }

    @Test
    void otherImageSizesFollowTheSameRules() {
        // 32×32 (CIFAR-like, 3 channels) ends at 1×1; 64×64 ends at 2×2, pooled to 2×2 with a 1×1 window
        for (DataShape shape : List.of(new DataShape("cifar", 3, 32, 32, 10, 0, 0),
                new DataShape("big", 1, 64, 64, 7, 0, 0), new DataShape("wide", 1, 28, 56, 10, 0, 0))) {
            Vgg19Spec spec = Vgg19Spec.of(true, 0.0625, shape);
            assertEquals(ModelLayouts.vgg19(true, 0.0625, shape).layers(),
                    NetworkLayers.of(build(spec), "built").layers(), spec.toString());
        }
    }

    @Test
    void refusesWhatItCannotBuild() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Vgg19Spec(true, 0.25, 1, 256, 256, 10));
        assertTrue(e.getMessage().contains("8x8") && e.getMessage().contains("7x7"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Vgg19Spec(true, 0, 1, 28, 28, 10));
        assertThrows(IllegalArgumentException.class, () -> new Vgg19Spec(true, 4.5, 1, 28, 28, 10));
        assertThrows(IllegalArgumentException.class, () -> new Vgg19Spec(true, 0.25, 0, 28, 28, 10));
    }

    @Test
    void canonicalTextNamesEverythingThatShapesTheNetwork() {
        assertEquals("vgg19 bn width=0.25 input=1x28x28 classes=10",
                Vgg19Spec.of(true, 0.25, DataShape.MNIST).canonical());
        assertEquals("vgg19 width=1.0 input=3x32x32 classes=100", new Vgg19Spec(false, 1, 3, 32, 32, 100).canonical());
    }
}
