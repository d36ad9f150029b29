package dk.munin.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * An AWS SDK response object as Step Functions shows it to a workflow: the service's fields
 * with their first letter capitalised ({@code jobId} becomes {@code JobId}), as the
 * {@code batch:submitJob.sync} integration returns DescribeJobs' job detail. Unset fields
 * (including lists and maps the service did not send) are left out.
 */
final class SdkJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SdkJson() {
    }

    static ObjectNode pascalCase(SdkPojo pojo) {
        ObjectNode node = NODES.objectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (value != null && !(value instanceof SdkAutoConstructList<?>) && !(value instanceof SdkAutoConstructMap<?, ?>)) {
                node.set(capitalised(field.memberName()), value(value));
            }
        }
        return node;
    }

    private static JsonNode value(Object value) {
        if (value instanceof SdkPojo pojo) {
            return pascalCase(pojo);
        }
        if (value instanceof Collection<?> items) {
            ArrayNode array = NODES.arrayNode();
            items.forEach(item -> array.add(item == null ? NODES.nullNode() : value(item)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((key, item) -> object.set(String.valueOf(key), item == null ? NODES.nullNode() : value(item)));
            return object;
        }
        if (value instanceof Integer number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Long number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Double number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Float number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        }
        if (value instanceof Instant instant) {
            return NODES.numberNode(instant.toEpochMilli());
        }
        if (value instanceof SdkBytes bytes) {
            return NODES.textNode(bytes.asUtf8String());
        }
        return NODES.textNode(String.valueOf(value));
    }

    private static String capitalised(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
