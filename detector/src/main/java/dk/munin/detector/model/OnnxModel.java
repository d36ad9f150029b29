package dk.munin.detector.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One ONNX Runtime session for an image model with a single {@code [1, 3, height, width]} float
 * input, reused for every photo (creating a session costs far more than a run).
 *
 * <p>The input may be fixed-size (FastestDet, most YOLO exports) or have dynamic height and width
 * (yolort exports such as MegaDetectorLite); then the caller names the size to use.
 */
public final class OnnxModel implements AutoCloseable {

    /** One model output: its name and declared shape (-1 for a dynamic dimension). */
    public record OutputInfo(String name, long[] shape) {
        @Override
        public String toString() {
            return name + " " + Arrays.toString(shape);
        }
    }

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String inputName;
    private final long[] declaredInputShape;
    private final int inputHeight;
    private final int inputWidth;
    private final List<OutputInfo> outputs;

    private OnnxModel(OrtEnvironment environment, OrtSession session, Integer sizeForDynamicInput) throws OrtException {
        this.environment = environment;
        this.session = session;
        Map.Entry<String, NodeInfo> input = session.getInputInfo().entrySet().iterator().next();
        this.inputName = input.getKey();
        this.declaredInputShape = shapeOf(input.getValue());
        boolean imageInput = declaredInputShape.length == 4 && declaredInputShape[0] <= 1 && declaredInputShape[1] == 3;
        if (session.getInputInfo().size() != 1 || !imageInput) {
            throw new IllegalArgumentException("unsupported model input " + inputName + " "
                    + Arrays.toString(declaredInputShape) + ": need one [1, 3, height, width] image input");
        }
        boolean dynamic = declaredInputShape[2] <= 0 || declaredInputShape[3] <= 0;
        if (dynamic && sizeForDynamicInput == null) {
            throw new IllegalArgumentException("the model's input " + inputName + " " + Arrays.toString(declaredInputShape)
                    + " has a dynamic size and no input size was given");
        }
        this.inputHeight = dynamic ? sizeForDynamicInput : (int) declaredInputShape[2];
        this.inputWidth = dynamic ? sizeForDynamicInput : (int) declaredInputShape[3];
        List<OutputInfo> infos = new ArrayList<>();
        for (Map.Entry<String, NodeInfo> output : session.getOutputInfo().entrySet()) {
            infos.add(new OutputInfo(output.getKey(), shapeOf(output.getValue())));
        }
        this.outputs = List.copyOf(infos);
    }

    /**
     * @param intraOpThreads      threads ONNX Runtime may use inside one run
     * @param sizeForDynamicInput the square input size for models whose input size is dynamic; ignored otherwise
     * @throws OrtException when ONNX Runtime cannot load the file
     */
    public static OnnxModel load(Path file, int intraOpThreads, Integer sizeForDynamicInput) throws OrtException {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // Idle intra-op threads spin by default, burning the cores the photo decoders need
            // between two runs; with spinning off they sleep instead.
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            OrtSession session = environment.createSession(file.toString(), options);
            try {
                return new OnnxModel(environment, session, sizeForDynamicInput);
            } catch (RuntimeException | OrtException unusable) {
                session.close();
                throw unusable;
            }
        }
    }

    public int inputWidth() {
        return inputWidth;
    }

    public int inputHeight() {
        return inputHeight;
    }

    /** True when the model accepts any input size (the size used is then the caller's choice). */
    public boolean hasDynamicInputSize() {
        return declaredInputShape[2] <= 0 || declaredInputShape[3] <= 0;
    }

    public long[] inputShape() {
        return new long[] {1, 3, inputHeight, inputWidth};
    }

    public List<OutputInfo> outputs() {
        return outputs;
    }

    /** The first output's declared shape. */
    public long[] outputShape() {
        return outputs.get(0).shape().clone();
    }

    /**
     * Runs the model on a planar {@code [3, height, width]} input and returns every output,
     * flattened to floats (integer outputs such as class labels are converted), by name in
     * the model's output order.
     */
    public Map<String, float[]> run(float[] planarInput) throws OrtException {
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(planarInput), inputShape());
             OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            Map<String, float[]> values = new LinkedHashMap<>();
            for (Map.Entry<String, OnnxValue> output : result) {
                values.put(output.getKey(), floats((OnnxTensor) output.getValue()));
            }
            return values;
        }
    }

    private static float[] floats(OnnxTensor tensor) {
        return switch (tensor.getInfo().type) {
            case FLOAT -> {
                FloatBuffer buffer = tensor.getFloatBuffer();
                float[] values = new float[buffer.remaining()];
                buffer.get(values);
                yield values;
            }
            case INT64 -> {
                LongBuffer buffer = tensor.getLongBuffer();
                float[] values = new float[buffer.remaining()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = buffer.get(i);
                }
                yield values;
            }
            case INT32 -> {
                IntBuffer buffer = tensor.getIntBuffer();
                float[] values = new float[buffer.remaining()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = buffer.get(i);
                }
                yield values;
            }
            case DOUBLE -> {
                DoubleBuffer buffer = tensor.getDoubleBuffer();
                float[] values = new float[buffer.remaining()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) buffer.get(i);
                }
                yield values;
            }
            default -> throw new IllegalArgumentException("unsupported output element type " + tensor.getInfo().type);
        };
    }

    private static long[] shapeOf(NodeInfo node) {
        if (!(node.getInfo() instanceof TensorInfo tensor)) {
            throw new IllegalArgumentException("model value " + node.getName() + " is not a tensor");
        }
        return tensor.getShape();
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
