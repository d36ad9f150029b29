package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static dk.munin.workflow.Workflows.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Pass, Choice, Wait, Succeed and Fail. */
class StatesTest {

    private final Workflows workflows = new Workflows();

    @Test
    void passPutsResultWhereResultPathSays() {
        ExecutionResult result = workflows.run("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"ok": true}, "ResultPath": "$.check", "End": true}}}""",
                "{\"photos\": 3}");

        assertThat(result.output()).isEqualTo(json("{\"photos\": 3, \"check\": {\"ok\": true}}"));
    }

    @Test
    void passWithoutResultPassesItsShapedInput() {
        ExecutionResult result = workflows.run("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"n.$": "$.photos", "unit": "photos"}, "End": true}}}""",
                "{\"photos\": 3, \"other\": 1}");

        assertThat(result.output()).isEqualTo(json("{\"n\": 3, \"unit\": \"photos\"}"));
    }

    /**
     * Every rule reads its Variable until one matches, and a missing Variable is an error, so each
     * input has all of them: this photo changed by the case's fields.
     */
    private static final String PHOTO = """
            {"kind": "unknown", "confidence": 0, "night": false, "taken": "2024-06-01T00:00:00Z",
             "file": "a.jpg", "count": 0, "limit": 10}""";

    @ParameterizedTest(name = "{0} goes to {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"kind\": \"animal\", \"confidence\": 0.8} | ConfidentAnimal",
            "{\"kind\": \"animal\", \"confidence\": 0.79} | Other",
            "{\"kind\": \"vehicle\"} | Human",
            "{\"night\": true} | Night",
            "{\"taken\": \"2023-12-31T23:59:59+00:00\"} | Old",
            "{\"taken\": \"2024-01-01T01:00:00+02:00\"} | Old",
            "{\"taken\": \"2024-01-01T00:00:00Z\", \"file\": \"IMG_0001.JPG\"} | UpperCaseJpg",
            "{\"file\": \"IMG_0001.jpg\", \"count\": 11} | OverLimit",
            "{\"count\": 10} | Other",
            "{\"count\": \"11\"} | Other",
    })
    void choiceTakesTheFirstMatchingRuleElseDefault(String changes, String expected) {
        ExecutionResult result = runChoice(((ObjectNode) json(PHOTO)).setAll((ObjectNode) json(changes)));

        assertThat(Workflows.statesEntered(result)).containsExactly("Route", expected);
        assertThat(result.output().get("route").asText()).isEqualTo(expected);
    }

    @Test
    void notNegatesItsRule() {
        ObjectNode photo = (ObjectNode) json(PHOTO);
        photo.remove("night");

        assertThat(Workflows.statesEntered(runChoice(photo))).containsExactly("Route", "NoNightFlag");
    }

    private ExecutionResult runChoice(JsonNode input) {
        AslRunner runner = workflows.runner(Workflows.machine(Workflows.document("choice.asl.json")), ScriptedTasks.of("{}")).build();
        return runner.run("choice", input);
    }

    @Test
    void choiceWithoutMatchOrDefaultFailsWithNoChoiceMatched() {
        AslRunner runner = workflows.runner(Workflows.machine(Workflows.document("choice-without-default.asl.json")),
                ScriptedTasks.of("{}")).build();

        ExecutionResult result = runner.run("big", json("{\"size\": 12}"));

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("States.NoChoiceMatched");
        assertThat(result.history()).singleElement().satisfies(entry -> {
            assertThat(entry.outcome()).isEqualTo("failed");
            assertThat(entry.error()).isEqualTo("States.NoChoiceMatched");
        });
    }

    @ParameterizedTest(name = "{0} on {1} is {2}")
    @CsvSource(delimiter = '|', value = {
            "\"StringEquals\": \"a\" | \"a\" | true",
            "\"StringEquals\": \"a\" | 1 | false",
            "\"StringLessThan\": \"b\" | \"a\" | true",
            "\"StringGreaterThanEquals\": \"b\" | \"b\" | true",
            "\"StringLessThanEquals\": \"b\" | \"c\" | false",
            "\"StringEqualsPath\": \"$.other\" | \"x\" | true",
            "\"StringMatches\": \"log-*.txt\" | \"log-2024.txt\" | true",
            "\"StringMatches\": \"log-\\\\*.txt\" | \"log-2024.txt\" | false",
            "\"StringMatches\": \"log-\\\\*.txt\" | \"log-*.txt\" | true",
            "\"NumericEquals\": 1 | 1.0 | true",
            "\"NumericLessThan\": 1 | 0.5 | true",
            "\"NumericGreaterThan\": 1 | 1 | false",
            "\"NumericLessThanEqualsPath\": \"$.limit\" | 3 | true",
            "\"NumericGreaterThanEqualsPath\": \"$.limit\" | 2 | false",
            "\"BooleanEquals\": false | false | true",
            "\"BooleanEqualsPath\": \"$.flag\" | true | true",
            "\"TimestampEquals\": \"2024-05-01T10:00:00Z\" | \"2024-05-01T12:00:00+02:00\" | true",
            "\"TimestampGreaterThan\": \"2024-05-01T10:00:00Z\" | \"2024-05-01T10:00:01Z\" | true",
            "\"TimestampLessThanEquals\": \"2024-05-01T10:00:00Z\" | \"not a time\" | false",
            "\"TimestampGreaterThanEqualsPath\": \"$.since\" | \"2024-05-01T10:00:00Z\" | true",
            "\"IsNull\": true | null | true",
            "\"IsNull\": false | null | false",
            "\"IsString\": true | \"s\" | true",
            "\"IsNumeric\": true | \"1\" | false",
            "\"IsBoolean\": true | false | true",
            "\"IsTimestamp\": true | \"2024-05-01T10:00:00Z\" | true",
            "\"IsPresent\": true | 0 | true",
    })
    void comparisonOperators(String operator, String value, boolean matches) {
        String input = "{\"value\": " + value + ", \"other\": \"x\", \"limit\": 3, \"flag\": true, \"since\": \"2024-05-01T09:00:00Z\"}";

        assertThat(choose("{\"Variable\": \"$.value\", " + operator + ", \"Next\": \"Yes\"}", input)).isEqualTo(matches ? "Yes" : "No");
    }

    @Test
    void isPresentAsksWhetherThePathSelectsAnything() {
        assertThat(choose("{\"Variable\": \"$.value\", \"IsPresent\": false, \"Next\": \"Yes\"}", "{}")).isEqualTo("Yes");
    }

    @Test
    void aComparisonOnAMissingVariableIsStatesRuntime() {
        ExecutionResult result = workflows.run(choiceMachine("{\"Variable\": \"$.missing\", \"StringEquals\": \"a\", \"Next\": \"Yes\"}"), "{}");

        assertThat(result.error()).isEqualTo("States.Runtime");
        assertThat(result.cause()).contains("$.missing");
    }

    @Test
    void choiceAppliesInputPathToTheRulesAndOutputPathToWhatGoesOn() {
        ExecutionResult result = workflows.run("""
                {"StartAt": "C", "States": {
                  "C": {"Type": "Choice", "InputPath": "$.photo", "OutputPath": "$.file",
                        "Choices": [{"Variable": "$.size", "NumericGreaterThan": 0, "Next": "Yes"}], "Default": "No"},
                  "Yes": {"Type": "Succeed"}, "No": {"Type": "Succeed"}}}""", "{\"photo\": {\"size\": 5, \"file\": \"a.jpg\"}}");

        assertThat(Workflows.statesEntered(result)).containsExactly("C", "Yes");
        assertThat(result.output().asText()).isEqualTo("a.jpg");
    }

    @ParameterizedTest(name = "mode {0}")
    @CsvSource(delimiter = '|', value = {
            "literal | Refused | The manifest was refused",
            "paths | E1 | d1",
    })
    void failEndsTheExecutionWithItsErrorAndCause(String mode, String error, String cause) {
        AslRunner runner = workflows.runner(Workflows.machine(Workflows.document("fail.asl.json")), ScriptedTasks.of("{}")).build();

        ExecutionResult result = runner.run("fail", json("{\"mode\": \"" + mode + "\", \"problem\": {\"name\": \"E1\", \"detail\": \"d1\"}}"));

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo(error);
        assertThat(result.cause()).isEqualTo(cause);
        assertThat(result.output()).isNull();
        assertThat(result.history().get(1)).satisfies(entry -> {
            assertThat(entry.type()).isEqualTo("Fail");
            assertThat(entry.outcome()).isEqualTo("failed");
            assertThat(entry.error()).isEqualTo(error);
        });
    }

    @Test
    void failCausePathMayBeAnIntrinsicFunction() {
        ExecutionResult result = workflows.run("""
                {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Unknown",
                  "CausePath": "States.Format('mode {} is unknown', $.mode)"}}}""", "{\"mode\": \"fast\"}");

        assertThat(result.cause()).isEqualTo("mode fast is unknown");
    }

    @Test
    void failWithoutCauseHasNone() {
        ExecutionResult result = workflows.run("{\"StartAt\": \"F\", \"States\": {\"F\": {\"Type\": \"Fail\", \"Error\": \"E\"}}}", "{}");

        assertThat(result.error()).isEqualTo("E");
        assertThat(result.cause()).isNull();
    }

    @Test
    void succeedAppliesInputPathAndOutputPath() {
        ExecutionResult result = workflows.run("""
                {"StartAt": "S", "States": {"S": {"Type": "Succeed", "InputPath": "$.a", "OutputPath": "$.b"}}}""",
                "{\"a\": {\"b\": [1]}}");

        assertThat(result.output()).isEqualTo(json("[1]"));
    }

    @Test
    void waitPausesThroughTheSleeperForSecondsAndUntilTimestamps() {
        AslRunner runner = workflows.runner(Workflows.machine(Workflows.document("wait.asl.json")), ScriptedTasks.of("{}")).build();

        ExecutionResult result = runner.run("wait", json("{\"delay\": 5, \"until\": \"2024-05-01T12:00:00Z\"}"));

        // Starts at 10:00:00; 30 s, then 5 s, then until 11:00:00, then until 12:00:00.
        assertThat(workflows.sleeper.pauses()).containsExactly(
                Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(3600 - 35), Duration.ofHours(1));
        assertThat(result.output()).isEqualTo(json("5"));
        assertThat(result.history().get(3).exited()).isEqualTo(Workflows.START.plus(Duration.ofHours(2)));
    }

    @Test
    void waitingUntilATimeAlreadyPastDoesNotWait() {
        workflows.clock.advance(Duration.ofDays(1));
        ExecutionResult result = workflows.run("""
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "Timestamp": "2024-05-01T11:00:00Z", "End": true}}}""", "{}");

        assertThat(result.succeeded()).isTrue();
        assertThat(workflows.sleeper.pauses()).isEmpty();
    }

    private String choose(String rule, String input) {
        ExecutionResult result = workflows.run(choiceMachine(rule), input);
        assertThat(result.succeeded()).as("execution of %s on %s: %s %s", rule, input, result.error(), result.cause()).isTrue();
        return result.history().get(1).state();
    }

    private static String choiceMachine(String rule) {
        return "{\"StartAt\": \"C\", \"States\": {\"C\": {\"Type\": \"Choice\", \"Choices\": [" + rule + "], \"Default\": \"No\"},"
                + " \"Yes\": {\"Type\": \"Succeed\"}, \"No\": {\"Type\": \"Succeed\"}}}";
    }
}
