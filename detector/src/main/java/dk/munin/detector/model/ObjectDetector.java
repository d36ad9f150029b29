package dk.munin.detector.model;

import ai.onnxruntime.OrtException;

import java.nio.file.Path;
import java.util.List;

/**
 * A loaded detector model with its decoder: model input in, final boxes out (scored, suppressed,
 * clipped to the photo), still in the model's own classes.
 */
public final class ObjectDetector implements AutoCloseable {

    private final OnnxModel model;
    private final OutputDecoder decoder;
    private final DetectionThresholds thresholds;

    ObjectDetector(OnnxModel model, OutputDecoder decoder, DetectionThresholds thresholds) {
        this.model = model;
        this.decoder = decoder;
        this.thresholds = thresholds;
    }

    /**
     * @throws OrtException             when ONNX Runtime cannot load the model
     * @throws IllegalArgumentException when the model's input or output shape is not one this detector handles
     */
    public static ObjectDetector load(Path modelFile, int classCount, int intraOpThreads, DetectionThresholds thresholds)
            throws OrtException {
        OnnxModel model = OnnxModel.load(modelFile, intraOpThreads);
        try {
            return new ObjectDetector(model, OutputDecoders.forOutputShape(model.outputShape(), classCount), thresholds);
        } catch (RuntimeException unsupported) {
            model.close();
            throw unsupported;
        }
    }

    public OnnxModel model() {
        return model;
    }

    public OutputDecoder decoder() {
        return decoder;
    }

    /**
     * @param planarBgrInput the photo as {@link ModelInput#planarBgr} built it for this model's input size
     */
    public List<Candidate> detect(float[] planarBgrInput, int photoWidth, int photoHeight) throws OrtException {
        float[] output = model.run(planarBgrInput);
        List<Candidate> candidates = decoder.decode(output, photoWidth, photoHeight, thresholds.minScore());
        return NonMaxSuppression.apply(candidates, thresholds.nmsIou()).stream()
                .map(candidate -> candidate.clippedTo(photoWidth, photoHeight))
                .filter(Candidate::hasArea)
                .toList();
    }

    @Override
    public void close() {
        try {
            model.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot release the ONNX Runtime session", e);
        }
    }
}
