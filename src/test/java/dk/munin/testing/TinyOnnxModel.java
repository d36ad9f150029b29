package dk.munin.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A detector model written by the test itself, so the whole pipeline runs on the real ONNX
 * Runtime without ../shared: a FastestDet-shaped graph (input [1,3,352,352], output
 * [1,85,22,22]) whose output is a planted constant, i.e. ReduceMean(X) x 0 + B. Written as raw
 * ONNX protobuf bytes (field numbers from onnx.proto), no dependency.
 */
public final class TinyOnnxModel {

    public static final int INPUT_SIZE = 352;
    public static final int GRID = 22;
    public static final int CHANNELS = 85;
    /** COCO class 15 (cat): an "animal" for MegaDetector's categories. */
    public static final int CAT = 15;

    private TinyOnnxModel() {
    }

    /**
     * Every photo gets one cat with this confidence, centred, half the photo wide and high
     * (tanh(0) offset in the centre cell 11,11; sigmoid(0) = 0.5 size).
     */
    public static Path fastestDetWithOneCat(Path file, float confidence) {
        float[] output = new float[CHANNELS * GRID * GRID];
        int cell = 11 * GRID + 11;
        output[cell] = confidence;                        // objectness
        output[(5 + CAT) * GRID * GRID + cell] = confidence; // class score: score = obj^0.6 * cls^0.4
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, model(output));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] model(float[] planted) {
        Proto graph = new Proto()
                .message(1, node("ReduceMean", new String[]{"input.1"}, "mean", new Proto().string(1, "keepdims").varint(3, 1).varint(20, 2)))
                .message(1, node("Mul", new String[]{"mean", "zero"}, "nothing", null))
                .message(1, node("Add", new String[]{"nothing", "planted"}, "758", null))
                .string(2, "tiny-fastestdet")
                .message(5, tensor("zero", new long[]{1}, new float[]{0f}))
                .message(5, tensor("planted", new long[]{1, CHANNELS, GRID, GRID}, planted))
                .message(11, valueInfo("input.1", 1, 3, INPUT_SIZE, INPUT_SIZE))
                .message(12, valueInfo("758", 1, CHANNELS, GRID, GRID));
        return new Proto()
                .varint(1, 7)                                               // ir_version
                .string(2, "munin-tests")                                   // producer_name
                .message(7, graph)
                .message(8, new Proto().string(1, "").varint(2, 13))        // opset_import: ai.onnx 13
                .bytes();
    }

    private static Proto node(String op, String[] inputs, String output, Proto attribute) {
        Proto node = new Proto();
        for (String input : inputs) {
            node.string(1, input);
        }
        node.string(2, output).string(3, op + "_" + output).string(4, op);
        return attribute == null ? node : node.message(5, attribute);
    }

    private static Proto tensor(String name, long[] dims, float[] values) {
        Proto tensor = new Proto();
        for (long dim : dims) {
            tensor.varint(1, dim);
        }
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            raw.putFloat(value);
        }
        return tensor.varint(2, 1).string(8, name).raw(9, raw.array());   // data_type FLOAT, name, raw_data
    }

    private static Proto valueInfo(String name, long... dims) {
        Proto shape = new Proto();
        for (long dim : dims) {
            shape.message(1, new Proto().varint(1, dim));
        }
        Proto tensorType = new Proto().varint(1, 1).message(2, shape);   // elem_type FLOAT, shape
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
