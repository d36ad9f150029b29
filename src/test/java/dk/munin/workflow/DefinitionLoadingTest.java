package dk.munin.workflow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DefinitionLoadingTest {

    private static final String WITH_PLACEHOLDERS = """
            {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "${Resource}",
              "Parameters": {"FunctionName": "${FunctionArn}", "Queue": "${Queue}"}, "End": true}}}""";

    @Test
    void substitutionsReplaceEachPlaceholderInTheRawText() {
        StateMachine machine = StateMachine.parse(WITH_PLACEHOLDERS, Map.of(
                "Resource", "arn:aws:states:::lambda:invoke",
                "FunctionArn", "arn:aws:lambda:eu-north-1:000000000000:function:munin-guard-budget",
                "Queue", "${NotExpandedAgain}"));

        TaskState task = (TaskState) machine.state("Call");
        assertThat(task.resource()).isEqualTo("arn:aws:states:::lambda:invoke");
        assertThat(task.parametersTemplate().get("FunctionName").asText())
                .isEqualTo("arn:aws:lambda:eu-north-1:000000000000:function:munin-guard-budget");
        assertThat(task.parametersTemplate().get("Queue").asText()).isEqualTo("${NotExpandedAgain}");
    }

    @Test
    void anUnresolvedSubstitutionFailsNamingIt() {
        assertThatThrownBy(() -> StateMachine.parse(WITH_PLACEHOLDERS, Map.of("Resource", "r", "Queue", "q")))
                .isInstanceOf(InvalidDefinition.class)
                .hasMessageContaining("${FunctionArn}")
                .hasMessageNotContaining("${Queue}");
    }

    @Test
    void localSubstitutionsTurnStageFunctionArnsIntoRouteIds() {
        Map<String, String> substitutions = LocalSubstitutions.of(
                "{\"a\": \"${GuardBudgetFunctionArn}\", \"b\": \"${EnrichWeatherFunctionArn}\", \"c\": \"${DetectorJobQueueArn}\", \"d\": \"${Other}\", \"e\": \"${Stage0ExifFunctionArn}\"}",
                "arn:aws:lambda:eu-north-1:000000000000:function:munin-%s",
                Map.of("DetectorJobQueueArn", "arn:aws:batch:eu-north-1:000000000000:job-queue/munin-local"));

        assertThat(substitutions).containsExactlyInAnyOrderEntriesOf(Map.of(
                "GuardBudgetFunctionArn", "arn:aws:lambda:eu-north-1:000000000000:function:munin-guard-budget",
                "EnrichWeatherFunctionArn", "arn:aws:lambda:eu-north-1:000000000000:function:munin-enrich-weather",
                "Stage0ExifFunctionArn", "arn:aws:lambda:eu-north-1:000000000000:function:munin-stage0-exif",
                "DetectorJobQueueArn", "arn:aws:batch:eu-north-1:000000000000:job-queue/munin-local"));
    }

    @Test
    void jsonPathIsTheQueryLanguageItRuns() {
        StateMachine machine = Workflows.machine("""
                {"QueryLanguage": "JSONPath", "Version": "1.0", "StartAt": "A", "States": {
                  "A": {"Type": "Succeed", "QueryLanguage": "JSONPath", "Comment": "explicitly JSONPath"}}}""");

        assertThat(machine.stateNames()).containsExactly("A");
    }

    @Test
    void statesKeepTheFileOrder() {
        StateMachine machine = Workflows.machine("""
                {"Comment": "order", "StartAt": "B", "States": {
                  "C": {"Type": "Succeed"},
                  "B": {"Type": "Pass", "Next": "A"},
                  "A": {"Type": "Pass", "Next": "C"}}}""");

        assertThat(machine.stateNames()).containsExactly("C", "B", "A");
        assertThat(machine.startAt()).isEqualTo("B");
        assertThat(machine.comment()).isEqualTo("order");
    }

    static Stream<Arguments> invalidDefinitions() {
        return Stream.of(
                Arguments.of("not JSON", "{\"StartAt\": ", "not valid JSON"),
                Arguments.of("duplicate key", "{\"StartAt\": \"A\", \"StartAt\": \"A\", \"States\": {}}", "Duplicate field 'StartAt'"),
                Arguments.of("no StartAt", "{\"States\": {\"A\": {\"Type\": \"Succeed\"}}}", "'StartAt'"),
                Arguments.of("StartAt names no state", states("A", "{\"Type\": \"Succeed\"}").replace("\"StartAt\": \"A\"", "\"StartAt\": \"Nope\""),
                        "StartAt names no state: 'Nope'"),
                Arguments.of("unknown top-level field", "{\"StartAt\": \"A\", \"Extra\": 1, \"States\": {\"A\": {\"Type\": \"Succeed\"}}}",
                        "'Extra' is not a top-level field"),
                Arguments.of("execution time limit", "{\"StartAt\": \"A\", \"TimeoutSeconds\": 5, \"States\": {\"A\": {\"Type\": \"Succeed\"}}}",
                        "'TimeoutSeconds'"),
                Arguments.of("JSONata", "{\"StartAt\": \"A\", \"QueryLanguage\": \"JSONata\", \"States\": {\"A\": {\"Type\": \"Succeed\"}}}",
                        "\"JSONata\" is not supported"),
                Arguments.of("JSONata in a state", states("A", "{\"Type\": \"Pass\", \"QueryLanguage\": \"JSONata\", \"End\": true}"),
                        "State 'A', field 'QueryLanguage': \"JSONata\" is not supported"),
                Arguments.of("Parallel state", states("A", "{\"Type\": \"Parallel\", \"End\": true}"), "State 'A', field 'Type': 'Parallel' states are not supported"),
                Arguments.of("unknown type", states("A", "{\"Type\": \"Sleep\", \"End\": true}"), "State 'A', field 'Type': 'Sleep' is not a state type"),
                Arguments.of("missing Type", states("A", "{\"End\": true}"), "State 'A', field 'Type': is required"),
                Arguments.of("unknown field", states("A", "{\"Type\": \"Pass\", \"Nxt\": \"B\", \"End\": true}"),
                        "State 'A', field 'Nxt': is not a field of a Pass state"),
                Arguments.of("field of another type", states("A", "{\"Type\": \"Pass\", \"Resource\": \"x\", \"End\": true}"),
                        "State 'A', field 'Resource': is not a field of a Pass state"),
                Arguments.of("unsupported field", states("A", "{\"Type\": \"Pass\", \"Assign\": {\"x\": 1}, \"End\": true}"),
                        "State 'A', field 'Assign': is not supported by the embedded runner"),
                Arguments.of("heartbeat", states("A", task("\"HeartbeatSeconds\": 5, \"End\": true")),
                        "State 'A', field 'HeartbeatSeconds': is not supported"),
                Arguments.of("missing Resource", states("A", "{\"Type\": \"Task\", \"End\": true}"), "State 'A', field 'Resource': is required"),
                Arguments.of("neither Next nor End", states("A", "{\"Type\": \"Pass\"}"), "State 'A': needs either 'Next' or \"End\": true"),
                Arguments.of("both Next and End", "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Next\": \"B\", \"End\": true}, \"B\": {\"Type\": \"Succeed\"}}}",
                        "State 'A': has both 'Next' and 'End'"),
                Arguments.of("End false", states("A", "{\"Type\": \"Pass\", \"End\": false}"), "State 'A', field 'End': must be true"),
                Arguments.of("Next names no state", "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Next\": \"Gone\"}, \"B\": {\"Type\": \"Succeed\"}}}",
                        "State 'A', field 'Next': no state named 'Gone'"),
                Arguments.of("Default names no state", states("A", "{\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.x\", \"IsPresent\": true, \"Next\": \"A\"}], \"Default\": \"Gone\"}"),
                        "State 'A', field 'Default': no state named 'Gone'"),
                Arguments.of("Catch Next names no state", states("A", task("\"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Gone\"}], \"End\": true")),
                        "State 'A', field 'Catch[0].Next': no state named 'Gone'"),
                Arguments.of("unreachable state", "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Succeed\"}, \"Island\": {\"Type\": \"Succeed\"}}}",
                        "State 'Island': is not reachable from StartAt 'A'"),
                Arguments.of("no terminal state", "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Next\": \"A\"}}}", "no terminal state"),
                Arguments.of("invalid InputPath", states("A", "{\"Type\": \"Pass\", \"InputPath\": \"$.a b\", \"End\": true}"),
                        "State 'A', field 'InputPath': '$.a b' is not a valid JSONPath"),
                Arguments.of("path without $", states("A", "{\"Type\": \"Pass\", \"OutputPath\": \"a.b\", \"End\": true}"),
                        "State 'A', field 'OutputPath': 'a.b' is not a JSONPath"),
                Arguments.of("ResultPath with a wildcard", states("A", "{\"Type\": \"Pass\", \"ResultPath\": \"$.a[*]\", \"End\": true}"),
                        "State 'A', field 'ResultPath': '$.a[*]' is not a reference path"),
                Arguments.of("Parameters not an object", states("A", "{\"Type\": \"Pass\", \"Parameters\": [1], \"End\": true}"),
                        "State 'A', field 'Parameters': must be a JSON object"),
                Arguments.of(".$ value not a string", states("A", "{\"Type\": \"Pass\", \"Parameters\": {\"x.$\": 1}, \"End\": true}"),
                        "State 'A', field 'Parameters': 'x.$' must be a string"),
                Arguments.of("both x and x.$", states("A", "{\"Type\": \"Pass\", \"Parameters\": {\"x\": 1, \"x.$\": \"$\"}, \"End\": true}"),
                        "State 'A', field 'Parameters': both 'x' and 'x.$'"),
                Arguments.of("unknown intrinsic", states("A", "{\"Type\": \"Pass\", \"Parameters\": {\"x.$\": \"States.Shout($.a)\"}, \"End\": true}"),
                        "State 'A', field 'Parameters': 'x.$': 'States.Shout' is not an intrinsic function"),
                Arguments.of("malformed intrinsic", states("A", "{\"Type\": \"Pass\", \"Parameters\": {\"x.$\": \"States.Format('a', \"}, \"End\": true}"),
                        "State 'A', field 'Parameters': 'x.$'"),
                Arguments.of("ResultSelector on a Pass", states("A", "{\"Type\": \"Pass\", \"ResultSelector\": {}, \"End\": true}"),
                        "State 'A', field 'ResultSelector': is not a field of a Pass state"),
                Arguments.of("wrong argument count", states("A", "{\"Type\": \"Pass\", \"Parameters\": {\"x.$\": \"States.MathAdd(1)\"}, \"End\": true}"),
                        "States.MathAdd takes 2 argument(s), not 1"),
                Arguments.of("Choice without Choices", states("A", "{\"Type\": \"Choice\", \"Default\": \"A\"}"), "State 'A', field 'Choices': is required"),
                Arguments.of("Choice with Next", states("A", "{\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.x\", \"IsPresent\": true, \"Next\": \"A\"}], \"Next\": \"A\"}"),
                        "State 'A', field 'Next': is not a field of a Choice state"),
                Arguments.of("rule with two operators", states("A", "{\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.x\", \"IsPresent\": true, \"IsNull\": true, \"Next\": \"A\"}], \"Default\": \"A\"}"),
                        "State 'A', field 'Choices[0]': a choice rule takes exactly one of"),
                Arguments.of("rule without Next", states("A", "{\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.x\", \"IsPresent\": true}], \"Default\": \"A\"}"),
                        "State 'A', field 'Choices[0].Next': is required"),
                Arguments.of("nested rule with Next", states("A", "{\"Type\": \"Choice\", \"Choices\": [{\"Not\": {\"Variable\": \"$.x\", \"IsPresent\": true, \"Next\": \"A\"}, \"Next\": \"A\"}], \"Default\": \"A\"}"),
                        "State 'A', field 'Choices[0].Not.Next': only a top-level choice rule has Next"),
                Arguments.of("operand of the wrong type", states("A", "{\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.x\", \"NumericEquals\": \"5\", \"Next\": \"A\"}], \"Default\": \"A\"}"),
                        "State 'A', field 'Choices[0].NumericEquals': must be a number"),
                Arguments.of("bad timestamp literal", states("A", "{\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.x\", \"TimestampEquals\": \"yesterday\", \"Next\": \"A\"}], \"Default\": \"A\"}"),
                        "State 'A', field 'Choices[0].TimestampEquals': must be an RFC 3339 timestamp"),
                Arguments.of("unknown field in a rule", states("A", "{\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.x\", \"IsPresent\": true, \"Next\": \"A\", \"Weight\": 2}], \"Default\": \"A\"}"),
                        "State 'A', field 'Choices[0].Weight': is not a field of a choice rule"),
                Arguments.of("States.ALL not alone", states("A", task("\"Retry\": [{\"ErrorEquals\": [\"States.ALL\", \"X\"]}], \"End\": true")),
                        "State 'A', field 'Retry[0].ErrorEquals': States.ALL must appear alone, in the last Retrier or Catcher"),
                Arguments.of("States.ALL not last", states("A", task("\"Retry\": [{\"ErrorEquals\": [\"States.ALL\"]}, {\"ErrorEquals\": [\"X\"]}], \"End\": true")),
                        "State 'A', field 'Retry[0].ErrorEquals': States.ALL must appear alone"),
                Arguments.of("empty ErrorEquals", states("A", task("\"Catch\": [{\"ErrorEquals\": [], \"Next\": \"A\"}], \"End\": true")),
                        "State 'A', field 'Catch[0].ErrorEquals': is required"),
                Arguments.of("BackoffRate below 1", states("A", task("\"Retry\": [{\"ErrorEquals\": [\"X\"], \"BackoffRate\": 0.5}], \"End\": true")),
                        "State 'A', field 'Retry[0].BackoffRate': must be a number of at least 1.0"),
                Arguments.of("negative MaxAttempts", states("A", task("\"Retry\": [{\"ErrorEquals\": [\"X\"], \"MaxAttempts\": -1}], \"End\": true")),
                        "State 'A', field 'Retry[0].MaxAttempts': must be an integer from 0"),
                Arguments.of("full jitter", states("A", task("\"Retry\": [{\"ErrorEquals\": [\"X\"], \"JitterStrategy\": \"FULL\"}], \"End\": true")),
                        "State 'A', field 'Retry[0].JitterStrategy': 'FULL' is not supported"),
                Arguments.of("unknown Retrier field", states("A", task("\"Retry\": [{\"ErrorEquals\": [\"X\"], \"Interval\": 3}], \"End\": true")),
                        "State 'A', field 'Retry[0].Interval': is not a field of a Retrier"),
                Arguments.of("Catcher without Next", states("A", task("\"Catch\": [{\"ErrorEquals\": [\"X\"]}], \"End\": true")),
                        "State 'A', field 'Catch[0].Next': is required"),
                Arguments.of("two time limits", states("A", task("\"TimeoutSeconds\": 5, \"TimeoutSecondsPath\": \"$.t\", \"End\": true")),
                        "State 'A': has both 'TimeoutSeconds' and 'TimeoutSecondsPath'"),
                Arguments.of("Fail with Error and ErrorPath", states("A", "{\"Type\": \"Fail\", \"Error\": \"E\", \"ErrorPath\": \"$.e\"}"),
                        "State 'A': has both 'Error' and 'ErrorPath'"),
                Arguments.of("Fail with InputPath", states("A", "{\"Type\": \"Fail\", \"InputPath\": \"$.e\"}"),
                        "State 'A', field 'InputPath': is not a field of a Fail state"),
                Arguments.of("Wait without a time", states("A", "{\"Type\": \"Wait\", \"End\": true}"),
                        "State 'A': a Wait state needs exactly one of Seconds"),
                Arguments.of("Wait with two times", states("A", "{\"Type\": \"Wait\", \"Seconds\": 1, \"SecondsPath\": \"$.s\", \"End\": true}"),
                        "not [Seconds, SecondsPath]"));
    }

    /** A Map state with the given fields besides Type and End; {@code INLINE} and {@code DISTRIBUTED} are ItemProcessors. */
    private static String map(String fields) {
        return states("M", "{\"Type\": \"Map\", " + fields + (fields.isEmpty() ? "" : ", ") + "\"End\": true}");
    }

    private static final String INLINE = "\"ItemProcessor\": {\"StartAt\": \"I\", \"States\": {\"I\": {\"Type\": \"Pass\", \"End\": true}}}";
    private static final String DISTRIBUTED = "\"ItemProcessor\": {\"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"STANDARD\"}, "
            + "\"StartAt\": \"I\", \"States\": {\"I\": {\"Type\": \"Pass\", \"End\": true}}}";

    static Stream<Arguments> invalidMapDefinitions() {
        return Stream.of(
                Arguments.of("no ItemProcessor", map(""), "State 'M', field 'ItemProcessor': is required"),
                Arguments.of("ItemProcessor and Iterator", map(INLINE + ", " + INLINE.replace("ItemProcessor", "Iterator")),
                        "State 'M': has both 'ItemProcessor' and 'Iterator'"),
                Arguments.of("ItemProcessor without StartAt", map("\"ItemProcessor\": {\"States\": {}}"),
                        "State 'M', field 'ItemProcessor.StartAt': is required"),
                Arguments.of("inner state going outside", map(INLINE.replace("\"End\": true", "\"Next\": \"M\"")),
                        "State 'M', field 'ItemProcessor': State 'I', field 'Next': no state named 'M'"),
                Arguments.of("negative MaxConcurrency", map(INLINE + ", \"MaxConcurrency\": -1"),
                        "State 'M', field 'MaxConcurrency': must be an integer from 0"),
                Arguments.of("fractional MaxConcurrency", map(INLINE + ", \"MaxConcurrency\": 2.5"),
                        "State 'M', field 'MaxConcurrency': must be an integer from 0"),
                Arguments.of("unknown Mode", map(INLINE.replace("{\"StartAt\"", "{\"ProcessorConfig\": {\"Mode\": \"LOCAL\"}, \"StartAt\"")),
                        "State 'M', field 'ItemProcessor.ProcessorConfig.Mode': must be INLINE or DISTRIBUTED"),
                Arguments.of("DISTRIBUTED without ExecutionType", map(DISTRIBUTED.replace(", \"ExecutionType\": \"STANDARD\"", "")),
                        "State 'M', field 'ItemProcessor.ProcessorConfig.ExecutionType': is required"),
                Arguments.of("ItemBatcher inline", map(INLINE + ", \"ItemBatcher\": {\"MaxItemsPerBatch\": 2}"),
                        "State 'M', field 'ItemBatcher': is only for a Distributed Map"),
                Arguments.of("ToleratedFailurePercentage inline", map(INLINE + ", \"ToleratedFailurePercentage\": 5"),
                        "State 'M', field 'ToleratedFailurePercentage': is only for a Distributed Map"),
                Arguments.of("ToleratedFailurePercentage over 100", map(DISTRIBUTED + ", \"ToleratedFailurePercentage\": 101"),
                        "State 'M', field 'ToleratedFailurePercentage': must be a number from 0 to 100"),
                Arguments.of("empty ItemBatcher", map(DISTRIBUTED + ", \"ItemBatcher\": {}"),
                        "State 'M', field 'ItemBatcher': needs MaxItemsPerBatch (or MaxItemsPerBatchPath), MaxInputBytesPerBatch or both"),
                Arguments.of("MaxInputBytesPerBatch over 256 KiB", map(DISTRIBUTED + ", \"ItemBatcher\": {\"MaxInputBytesPerBatch\": 262145}"),
                        "State 'M', field 'ItemBatcher.MaxInputBytesPerBatch': must be an integer from 1 to 262144"),
                Arguments.of("ItemReader of a CSV file", map(DISTRIBUTED + ", \"ItemReader\": {\"Resource\": \"arn:aws:states:::s3:getObject\", "
                        + "\"Parameters\": {\"Bucket\": \"b\", \"Key\": \"k.csv\"}}"),
                        "State 'M', field 'ItemReader.Resource': 'arn:aws:states:::s3:getObject' is not supported"),
                Arguments.of("ItemReader without Bucket", map(DISTRIBUTED + ", \"ItemReader\": {\"Resource\": \"arn:aws:states:::s3:listObjectsV2\", "
                        + "\"Parameters\": {\"Prefix\": \"raw/\"}}"), "State 'M', field 'ItemReader.Parameters.Bucket': is required"),
                Arguments.of("ItemReader and ItemsPath", map(DISTRIBUTED + ", \"ItemsPath\": \"$.x\", \"ItemReader\": {\"Resource\": "
                        + "\"arn:aws:states:::s3:listObjectsV2\", \"Parameters\": {\"Bucket\": \"b\"}}"), "State 'M': has both 'ItemsPath' and 'ItemReader'"),
                Arguments.of("ResultWriter WriterConfig", map(DISTRIBUTED + ", \"ResultWriter\": {\"WriterConfig\": {\"OutputType\": \"JSONL\"}}"),
                        "State 'M', field 'ResultWriter.WriterConfig': is not supported by the embedded runner"),
                Arguments.of("Label with a space", map(DISTRIBUTED + ", \"Label\": \"my map\""), "State 'M', field 'Label': must have 1 to 40 characters"),
                Arguments.of("unknown Map field", map(INLINE + ", \"Branches\": []"), "State 'M', field 'Branches': is not a field of a Map state"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidMapDefinitions")
    void anInvalidMapStateFailsNamingTheField(String problem, String definition, String message) {
        assertThatThrownBy(() -> Workflows.machine(definition))
                .isInstanceOf(InvalidDefinition.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDefinitions")
    void anInvalidDefinitionFailsNamingTheStateAndField(String problem, String definition, String message) {
        assertThatThrownBy(() -> Workflows.machine(definition))
                .isInstanceOf(InvalidDefinition.class)
                .hasMessageContaining(message);
    }

    @Test
    void aTaskWhoseResourceHasNoBindingFailsWhenTheRunnerIsBuilt() {
        StateMachine machine = Workflows.machine(states("Detect", task("\"End\": true")));

        assertThatThrownBy(() -> AslRunner.builder(machine, Workflows.STATE_MACHINE_ARN)
                .binding("arn:aws:states:::batch:submitJob.sync", ScriptedTasks.of("{}")).build())
                .isInstanceOf(InvalidDefinition.class)
                .hasMessageContaining("State 'Detect', field 'Resource': no binding for 'arn:aws:states:::lambda:invoke'");
    }

    @Test
    void aMalformedStateMachineArnIsRefused() {
        StateMachine machine = Workflows.machine(states("A", "{\"Type\": \"Succeed\"}"));

        assertThatThrownBy(() -> AslRunner.builder(machine, "arn:aws:lambda:eu-north-1:000000000000:function:x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a state machine ARN");
    }

    private static String states(String name, String state) {
        return "{\"StartAt\": \"" + name + "\", \"States\": {\"" + name + "\": " + state + "}}";
    }

    private static String task(String fields) {
        return "{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", " + fields + "}";
    }
}
