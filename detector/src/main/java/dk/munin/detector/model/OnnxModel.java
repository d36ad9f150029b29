package dk.munin.detector.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * One ONNX Runtime session for an image model with a single {@code [1, 3, height, width]}
 * float input, reused for every photo (creating a session costs far more than a run).
 */
public final class OnnxModel implements AutoCloseable {

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String inputName;
    private final int inputHeight;
    private final int inputWidth;
    private final long[] outputShape;

    private OnnxModel(OrtEnvironment environment, OrtSession session) throws OrtException {
        this.environment = environment;
        this.session = session;
        Map.Entry<String, NodeInfo> input = session.getInputInfo().entrySet().iterator().next();
        this.inputName = input.getKey();
        long[] inputShape = shapeOf(input.getValue());
        boolean fixedImageInput = inputShape.length == 4 && inputShape[0] <= 1 && inputShape[1] == 3
                && inputShape[2] > 0 && inputShape[3] > 0;
        if (session.getInputInfo().size() != 1 || !fixedImageInput) {
            throw new IllegalArgumentException("unsupported model input " + inputName + " "
                    + Arrays.toString(inputShape) + ": need one fixed-size [1, 3, height, width] image input");
        }
        this.inputHeight = (int) inputShape[2];
        this.inputWidth = (int) inputShape[3];
        this.outputShape = shapeOf(session.getOutputInfo().values().iterator().next());
    }

    /**
     * @param intraOpThreads threads ONNX Runtime may use inside one run
     * @throws OrtException when ONNX Runtime cannot load the file
     */
    public static OnnxModel load(Path file, int intraOpThreads) throws OrtException {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtSession session = environment.createSession(file.toString(), options);
            try {
                return new OnnxModel(environment, session);
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

    public long[] inputShape() {
        return new long[] {1, 3, inputHeight, inputWidth};
    }

    public long[] outputShape() {
        return outputShape.clone();
    }

    /** Runs the model on a planar {@code [3, height, width]} input and returns its first output, flattened. */
    public float[] run(float[] planarInput) throws OrtException {
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(planarInput), inputShape());
             OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            FloatBuffer output = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] values = new float[output.remaining()];
            output.get(values);
            return values;
        }
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
