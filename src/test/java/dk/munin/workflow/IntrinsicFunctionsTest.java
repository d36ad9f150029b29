package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.state.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dk.munin.workflow.Workflows.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntrinsicFunctionsTest {

    private static final String INPUT = """
            {"session_id": "s1", "count": 3, "ok": true, "camera": "cam-1", "json_text": "{\\"a\\": [1, 2]}",
             "settings": {"a": 1, "b": {"c": 2}}, "overrides": {"b": {"d": 3}, "e": 4}, "cameras": ["cam-1", "cam-2"]}""";

    private final Workflows workflows = new Workflows();

    @Test
    void theIntrinsicFunctionsComputeWhatStepFunctionsDocuments() {
        AslRunner runner = workflows.runner(Workflows.machine(Workflows.document("intrinsics.asl.json")), ScriptedTasks.of("{}")).build();

        ExecutionResult result = runner.run("intrinsics", json(INPUT));

        assertThat(result.output()).isEqualTo(json("""
                {"job_name": "munin-detector-s1", "summary": "3 photos, true ok: cam-1", "parsed": {"a": [1, 2]},
                 "text": "{\\"a\\":1,\\"b\\":{\\"c\\":2}}", "array": [3, "two", true, null],
                 "merged": {"a": 1, "b": {"d": 3}, "e": 4}, "sum": 1, "length": 2, "second": "cam-2", "has_cam": true,
                 "base64": "Y2FtLTE=", "decoded": "cam-1",
                 "sha256": "1f241866babef5c81ab837f2b6f74f5e29a9930b55922e6548375d41df5264ef"}"""));
    }

    // Written as Java strings: each \\ below is one backslash in the intrinsic call, as \\ is in ASL's JSON.
    static Stream<Arguments> calls() {
        return Stream.of(
                Arguments.of("States.Format('a \\{b\\} {}', $.session_id)", "a {b} s1"),
                Arguments.of("States.Format('it\\'s {}', 'x')", "it's x"),
                Arguments.of("States.Format('back\\\\slash')", "back\\slash"),
                Arguments.of("States.Format('{}-{}', States.ArrayGetItem($.cameras, 1), States.MathAdd($.count, 1))", "cam-2-4"),
                Arguments.of("States.Format('{} {} {}', 1.5, false, null)", "1.5 false null"),
                Arguments.of("States.Format($.template, $.count)", "3 photos"),
                Arguments.of("States.Format( 'spaced {}' , $['session_id'] )", "spaced s1"),
                Arguments.of("States.JsonToString(States.Array(1, 'a'))", "[1,\"a\"]"),
                Arguments.of("States.Format('{}', $$.Execution.Name)", "intrinsics"),
                Arguments.of("States.ArrayLength($.cameras[?(@ == 'cam-2' || @ == 'a, b)')])", "1"),
                Arguments.of("States.Format('{}', States.MathAdd(2.5, -1))", "2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void formatAndNestedCalls(String call, String expected) {
        assertThat(evaluate(call).asText()).isEqualTo(expected);
    }

    @Test
    void uuidIsARandomVersion4Uuid() {
        String first = evaluate("States.UUID()").asText();
        String second = evaluate("States.UUID()").asText();

        assertThat(first).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(second).isNotEqualTo(first);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "States.Format($.template, 1, 2) | has 1 {} placeholder(s) but 2 argument(s)",
            "States.Format($.template) | more {} placeholders than arguments",
            "States.Format('{}', $.settings) | can only put strings, numbers, booleans and null",
            "States.StringToJson('{not json') | cannot parse",
            "States.JsonMerge($.settings, $.overrides, true) | only shallow merging",
            "States.JsonMerge($.settings, 'x', false) | argument 2 must be an object",
            "States.ArrayGetItem($.cameras, 2) | index 2 is outside the array",
            "States.MathAdd(2147483648, 1) | outside the 32-bit integer range",
            "States.Hash('x', 'SHA-3') | the algorithm must be one of",
            "States.Base64Decode('%%%') | is not Base64",
    })
    void aCallThatBreaksTheRulesFailsTheStateWithStatesRuntime(String call, String cause) {
        ExecutionResult result = run(call);

        assertThat(result.error()).isEqualTo("States.Runtime");
        assertThat(result.cause()).contains(cause);
    }

    static Stream<Arguments> malformedCalls() {
        return Stream.of(
                Arguments.of("States.Format('unterminated", "unterminated string"),
                Arguments.of("States.Format('a' 'b')", "expected ')'"),
                Arguments.of("States.Format('\\n')", "only \\' \\{ \\} and \\\\ may be escaped"),
                Arguments.of("States.Array(1,)", "expected a string, number"),
                Arguments.of("States.Array(1) extra", "unexpected text after the closing parenthesis"),
                Arguments.of("States.MathAdd(1, 2-3)", "expected ')'"),
                Arguments.of("States.Array(tru)", "'tru' is not an intrinsic function"),
                Arguments.of("Format('x')", "'Format' is not an intrinsic function"),
                Arguments.of("States.MathRandom(1, 2)", "'States.MathRandom' is not an intrinsic function the embedded runner supports"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedCalls")
    void aMalformedCallIsRefusedWhenTheDefinitionLoads(String call, String message) {
        assertThatThrownBy(() -> Workflows.machine(pass(call)))
                .isInstanceOf(InvalidDefinition.class)
                .hasMessageContaining("State 'Compute', field 'Parameters': 'value.$'")
                .hasMessageContaining(message);
    }

    private JsonNode evaluate(String call) {
        ExecutionResult result = run(call);
        assertThat(result.succeeded()).as("%s: %s %s", call, result.error(), result.cause()).isTrue();
        return result.output().get("value");
    }

    private ExecutionResult run(String call) {
        AslRunner runner = workflows.runner(Workflows.machine(pass(call)), ScriptedTasks.of("{}")).build();
        ObjectNode input = (ObjectNode) json(INPUT);
        input.put("template", "{} photos");
        return runner.run("intrinsics", input);
    }

    private static String pass(String call) {
        return "{\"StartAt\": \"Compute\", \"States\": {\"Compute\": {\"Type\": \"Pass\", \"Parameters\": {\"value.$\": "
                + Json.write(call) + "}, \"End\": true}}}";
    }
}
