package dk.munin.detector.model;

import java.util.Arrays;

/** Picks the decoder for a model from the shape of its output tensor. */
public final class OutputDecoders {

    private OutputDecoders() {
    }

    /**
     * @param outputShape the model's output shape, e.g. {@code [1, 85, 22, 22]}
     * @param classCount  how many class names the detector knows for the model
     * @throws IllegalArgumentException naming the shape when no decoder understands it
     */
    public static OutputDecoder forOutputShape(long[] outputShape, int classCount) {
        boolean fastestDetGrid = outputShape.length == 4
                && outputShape[0] == 1
                && outputShape[1] == FastestDetDecoder.BOX_CHANNELS + classCount
                && outputShape[2] > 0 && outputShape[3] > 0;
        if (fastestDetGrid) {
            return new FastestDetDecoder(classCount, (int) outputShape[2], (int) outputShape[3]);
        }
        throw new IllegalArgumentException("unsupported detector output shape " + Arrays.toString(outputShape)
                + ": this detector decodes FastestDet grids [1, " + (FastestDetDecoder.BOX_CHANNELS + classCount)
                + ", gridHeight, gridWidth]");
    }
}
