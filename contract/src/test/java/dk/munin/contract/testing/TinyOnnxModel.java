package dk.munin.contract.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Detector models written by the tests themselves, so the real ONNX Runtime runs real graphs
 * without ../shared: every output is {@code ReduceMean(input) × 0 + planted}, a constant the test
 * plants, whatever the photo. The input is {@code [1, 3, height, width]} (a size of -1 makes that
 * dimension dynamic, as yolort exports are). Written as raw ONNX protobuf bytes (field numbers
 * from onnx.proto), no dependency.
 */
public final class TinyOnnxModel {

    private static final int FLOAT = 1;
    private static final int INT64 = 7;

    /** One planted output: float values, or int64 values when {@code longs} is set. */
    public record Output(String name, long[] dims, float[] floats, long[] longs) {

        public static Output floats(String name, float[] values, long... dims) {
            return new Output(name, dims, values, null);
        }

        public static Output longs(String name, long[] values, long... dims) {
            return new Output(name, dims, null, values);
        }
    }

    private final String inputName;
    private final long inputHeight;
    private final long inputWidth;
    private final List<Output> outputs = new ArrayList<>();
    private int paddingBytes;

    private TinyOnnxModel(String inputName, long inputHeight, long inputWidth) {
        this.inputName = inputName;
        this.inputHeight = inputHeight;
        this.inputWidth = inputWidth;
    }

    /** @param height -1 for a dynamic height; the same for width */
    public static TinyOnnxModel withInput(String inputName, long height, long width) {
        return new TinyOnnxModel(inputName, height, width);
    }

    public TinyOnnxModel output(Output output) {
        outputs.add(output);
        return this;
    }

    /**
     * A YOLOv5-layout model {@code [1, rows, 5 + classes]}: each row is cx, cy, w, h (input pixels),
     * objectness, class scores.
     */
    public static TinyOnnxModel yoloV5(int inputSize, int classes, float[]... rows) {
        float[] values = new float[rows.length * (5 + classes)];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, values, r * (5 + classes), rows[r].length);
        }
        return withInput("images", inputSize, inputSize)
                .output(Output.floats("output0", values, 1, rows.length, 5 + classes));
    }

    /**
     * A YOLOv8-layout model {@code [1, 4 + classes, boxes]}: given one box per array (cx, cy, w, h,
     * class scores), written transposed, column per box, as Ultralytics exports it.
     */
    public static TinyOnnxModel yoloV8(int inputSize, int classes, float[]... boxes) {
        int channels = 4 + classes;
        float[] values = new float[channels * boxes.length];
        for (int b = 0; b < boxes.length; b++) {
            for (int c = 0; c < channels; c++) {
                values[c * boxes.length + b] = c < boxes[b].length ? boxes[b][c] : 0f;
            }
        }
        return withInput("images", inputSize, inputSize)
                .output(Output.floats("output0", values, 1, channels, boxes.length));
    }

    /** FastestDet's input and output, as the shared FastestDet.onnx has them. */
    public static final int FASTESTDET_INPUT_SIZE = 352;
    public static final int FASTESTDET_GRID = 22;
    public static final int FASTESTDET_CHANNELS = 85;
    /** COCO class 15 (cat): an "animal" in MegaDetector's categories. */
    public static final int CAT = 15;

    /**
     * A FastestDet-layout model ({@code [1, 85, 22, 22]}) that finds one cat in every photo with
     * this confidence, centred, half the photo wide and high (tanh(0) offset in the centre cell
     * 11,11; sigmoid(0) = 0.5 size): a model for runs of the whole pipeline without ../shared.
     */
    public static Path fastestDetWithOneCat(Path file, float confidence) {
        int cells = FASTESTDET_GRID * FASTESTDET_GRID;
        float[] output = new float[FASTESTDET_CHANNELS * cells];
        int cell = 11 * FASTESTDET_GRID + 11;
        output[cell] = confidence;                        // objectness
        output[(5 + CAT) * cells + cell] = confidence;    // class score: score = obj^0.6 * cls^0.4
        return withInput("input.1", FASTESTDET_INPUT_SIZE, FASTESTDET_INPUT_SIZE)
                .output(Output.floats("758", output, 1, FASTESTDET_CHANNELS, FASTESTDET_GRID, FASTESTDET_GRID))
                .writeTo(file);
    }

    /**
     * A model with MegaDetectorLite's interface (yolort's export of MegaDetector v5a, the app's
     * default model): a dynamic [1, 3, H, W] input "images" and outputs scores, int64 labels and
     * boxes (x1, y1, x2, y2 in input pixels), the suppression inside the graph. It finds one animal
     * (label 0) with this confidence in every photo, in the middle half of a square input this large.
     */
    public static TinyOnnxModel megaDetectorLiteWithOneAnimal(float confidence, int inputSize) {
        float quarter = inputSize / 4f;
        return withInput("images", -1, -1)
                .output(Output.floats("scores", new float[] {confidence}, 1))
                .output(Output.longs("labels", new long[] {0}, 1))
                .output(Output.floats("boxes", new float[] {quarter, quarter, 3 * quarter, 3 * quarter}, 1, 4));
    }

    /**
     * Makes the file this many bytes larger with a doc_string, which ONNX Runtime ignores: a model
     * large enough for a download of it to report progress.
     */
    public TinyOnnxModel paddedBy(int bytes) {
        paddingBytes = bytes;
        return this;
    }

    public Path writeTo(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] bytes() {
        Proto graph = new Proto()
                // keepdims 0 and no axes: the mean of everything, a scalar that broadcasts to any shape
                .message(1, node("ReduceMean", new String[] {inputName}, "mean", new Proto().string(1, "keepdims").varint(3, 0).varint(20, 2)))
                .message(1, node("Mul", new String[] {"mean", "zero"}, "nothing", null))
                .message(1, node("Cast", new String[] {"nothing"}, "nothing_int64", new Proto().string(1, "to").varint(3, INT64).varint(20, 2)))
                .string(2, "tiny-detector");
        for (Output output : outputs) {
            boolean integer = output.longs() != null;
            graph.message(1, node("Add", new String[] {integer ? "nothing_int64" : "nothing", "planted_" + output.name()}, output.name(), null));
        }
        graph.message(5, tensor("zero", new long[0], FLOAT, floatBytes(new float[] {0f})));
        for (Output output : outputs) {
            boolean integer = output.longs() != null;
            graph.message(5, tensor("planted_" + output.name(), output.dims(), integer ? INT64 : FLOAT,
                    integer ? longBytes(output.longs()) : floatBytes(output.floats())));
        }
        graph.message(11, valueInfo(inputName, FLOAT, 1, 3, inputHeight, inputWidth));
        for (Output output : outputs) {
            graph.message(12, valueInfo(output.name(), output.longs() != null ? INT64 : FLOAT, output.dims()));
        }
        Proto model = new Proto()
                .varint(1, 7)                                               // ir_version
                .string(2, "munin-tests")                                   // producer_name
                .message(7, graph)
                .message(8, new Proto().string(1, "").varint(2, 13));       // opset_import: ai.onnx 13
        if (paddingBytes > 0) {
            model.string(6, " ".repeat(paddingBytes));                      // doc_string
        }
        return model.bytes();
    }

    private static Proto node(String op, String[] inputs, String output, Proto attribute) {
        Proto node = new Proto();
        for (String input : inputs) {
            node.string(1, input);
        }
        node.string(2, output).string(3, op + "_" + output).string(4, op);
        return attribute == null ? node : node.message(5, attribute);
    }

    private static Proto tensor(String name, long[] dims, int dataType, byte[] raw) {
        Proto tensor = new Proto();
        for (long dim : dims) {
            tensor.varint(1, dim);
        }
        return tensor.varint(2, dataType).string(8, name).raw(9, raw);   // dims, data_type, name, raw_data
    }

    private static byte[] floatBytes(float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            raw.putFloat(value);
        }
        return raw.array();
    }

    private static byte[] longBytes(long[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long value : values) {
            raw.putLong(value);
        }
        return raw.array();
    }

    /** A value's type and shape; a negative dimension is written as a named (dynamic) one. */
    private static Proto valueInfo(String name, int elementType, long... dims) {
        Proto shape = new Proto();
        for (int i = 0; i < dims.length; i++) {
            shape.message(1, dims[i] < 0 ? new Proto().string(2, "dim" + i) : new Proto().varint(1, dims[i]));
        }
        Proto tensorType = new Proto().varint(1, elementType).message(2, shape);
        return new Proto().string(1, name).message(2, new Proto().message(1, tensorType));
    }

    /** Just enough protobuf: varints, length-delimited strings, bytes and messages. */
    private static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto varint(int field, long value) {
            writeVarint((long) field << 3);
            writeVarint(value);
            return this;
        }

        Proto string(int field, String value) {
            return raw(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int field, Proto message) {
            return raw(field, message.bytes());
        }

        Proto raw(int field, byte[] value) {
            writeVarint(((long) field << 3) | 2);
            writeVarint(value.length);
            out.writeBytes(value);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void writeVarint(long value) {
            while ((value & ~0x7FL) != 0) {
                out.write((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            out.write((int) value);
        }
    }
}
