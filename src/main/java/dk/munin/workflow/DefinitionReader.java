package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Turns ASL JSON into a StateMachine, refusing up front whatever the runner would otherwise have
 * to ignore or guess: unknown or unsupported fields and state types, missing required fields,
 * transitions to states that do not exist, unreachable states, malformed paths, templates,
 * intrinsic calls and choice rules.
 */
final class DefinitionReader {

    /** Task time limits and Wait times are capped by Step Functions at this many seconds. */
    private static final long MAX_SECONDS = 99_999_999L;
    /** Upper bounds Step Functions accepts for a Retrier's fields. */
    private static final long MAX_RETRY_ATTEMPTS = 99_999_999L;
    private static final long MAX_RETRY_DELAY_SECONDS = 31_622_400L;
    private static final String UNSUPPORTED_QUERY_LANGUAGE = " is not supported by the embedded runner, which runs JSONPath only";

    private DefinitionReader() {
    }

    static StateMachine read(String definition) {
        JsonNode root;
        try {
            root = JsonText.parse(definition);
        } catch (IllegalArgumentException e) {
            throw new InvalidDefinition("The definition is not valid JSON: " + e.getMessage(), e);
        }
        if (!root.isObject()) {
            throw new InvalidDefinition("The definition must be a JSON object with StartAt and States");
        }
        readTopLevel(root);
        if (!root.has("StartAt") || !root.get("StartAt").isTextual()) {
            throw new InvalidDefinition("The definition needs 'StartAt' as a string");
        }
        return machine(root, textOrNull(root, "Comment"));
    }

    /**
     * The states under {@code node}'s StartAt and States, checked as a whole: the definition's, or
     * a Map state's ItemProcessor, whose states may only go to each other.
     */
    static StateMachine machine(JsonNode node, String comment) {
        String startAt = node.get("StartAt").textValue();
        JsonNode statesNode = node.get("States");
        if (statesNode == null || !statesNode.isObject() || statesNode.isEmpty()) {
            throw new InvalidDefinition("The definition needs 'States': an object with at least one state");
        }
        Map<String, State> states = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = statesNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            states.put(entry.getKey(), readState(entry.getKey(), entry.getValue()));
        }
        if (!states.containsKey(startAt)) {
            throw new InvalidDefinition("StartAt names no state: '" + startAt + "' (states: " + states.keySet() + ")");
        }
        checkTransitions(states);
        checkReachable(startAt, states);
        return new StateMachine(comment, startAt, states);
    }

    private static void readTopLevel(JsonNode root) {
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            switch (field) {
                case "StartAt", "States" -> {
                }
                case "Comment", "Version" -> textField(root, field);
                case "QueryLanguage" -> {
                    if (!isJsonPath(root.get(field))) {
                        throw new InvalidDefinition("The definition's QueryLanguage " + root.get(field) + UNSUPPORTED_QUERY_LANGUAGE);
                    }
                }
                case "TimeoutSeconds" -> throw new InvalidDefinition(
                        "The definition's 'TimeoutSeconds' (an execution time limit) is not supported by the embedded runner");
                default -> throw new InvalidDefinition("'" + field + "' is not a top-level field of a state machine definition");
            }
        }
    }

    private static String textField(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new InvalidDefinition("The definition needs '" + field + "' as a string");
        }
        return value.textValue();
    }

    private static String textOrNull(JsonNode node, String field) {
        return node.has(field) ? node.get(field).textValue() : null;
    }

    private static boolean isJsonPath(JsonNode queryLanguage) {
        return "JSONPath".equals(queryLanguage.asText());
    }

    private static State readState(String name, JsonNode node) {
        FieldReader fields = new FieldReader(name, "", node);
        String type = fields.requiredString("Type");
        fields.optionalString("Comment");
        if (fields.has("QueryLanguage") && !isJsonPath(fields.raw("QueryLanguage"))) {
            throw fields.error("QueryLanguage", fields.raw("QueryLanguage") + UNSUPPORTED_QUERY_LANGUAGE);
        }
        BiFunction<String, FieldReader, State> reader = switch (type) {
            case "Pass" -> DefinitionReader::pass;
            case "Task" -> DefinitionReader::task;
            case "Choice" -> DefinitionReader::choice;
            case "Wait" -> DefinitionReader::waitState;
            case "Succeed" -> (n, f) -> new SucceedState(n, f.selector("InputPath"), f.selector("OutputPath"));
            case "Fail" -> DefinitionReader::fail;
            case "Map" -> MapDefinitionReader::map;
            case "Parallel" -> throw InvalidDefinition.inField(name, "Type",
                    "'" + type + "' states are not supported by the embedded runner");
            default -> throw InvalidDefinition.inField(name, "Type", "'" + type + "' is not a state type");
        };
        State state = reader.apply(name, fields);
        fields.rejectUnread("a " + type + " state");
        return state;
    }

    private static State pass(String name, FieldReader f) {
        JsonNode result = f.raw("Result");
        return new PassState(name, f.selector("InputPath"), f.template("Parameters"),
                result == null ? null : result.deepCopy(), f.resultPath("ResultPath"), f.selector("OutputPath"), f.nextOrEnd());
    }

    private static State task(String name, FieldReader f) {
        f.exclusive("TimeoutSeconds", "TimeoutSecondsPath");
        return new TaskState(name, f.requiredString("Resource"), f.selector("InputPath"), f.template("Parameters"),
                f.has("Parameters") ? f.raw("Parameters").deepCopy() : null,
                f.template("ResultSelector"), f.resultPath("ResultPath"), f.selector("OutputPath"),
                f.optionalInteger("TimeoutSeconds", 1, MAX_SECONDS), f.optionalPath("TimeoutSecondsPath"),
                new ErrorHandling(retriers(f), catchers(f)), f.nextOrEnd());
    }

    private static State choice(String name, FieldReader f) {
        JsonNode list = f.raw("Choices");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw f.error("Choices", "is required: a non-empty array of choice rules");
        }
        List<ChoiceState.Branch> branches = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            FieldReader rule = f.nested("Choices[" + i + "]", list.get(i));
            ChoiceRule parsed = ChoiceRuleReader.read(rule, true);
            branches.add(new ChoiceState.Branch(parsed, rule.requiredString("Next")));
            rule.rejectUnread("a choice rule");
        }
        return new ChoiceState(name, f.selector("InputPath"), f.selector("OutputPath"), branches, f.optionalString("Default"));
    }

    private static State waitState(String name, FieldReader f) {
        List<String> given = List.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath").stream().filter(f::has).toList();
        if (given.size() != 1) {
            throw InvalidDefinition.inState(name, "a Wait state needs exactly one of Seconds, SecondsPath, Timestamp, "
                    + "TimestampPath" + (given.isEmpty() ? "" : ", not " + given));
        }
        String timestampText = f.optionalString("Timestamp");
        Instant timestamp = null;
        if (timestampText != null) {
            timestamp = Timestamps.parse(timestampText)
                    .orElseThrow(() -> f.error("Timestamp", "must be an RFC 3339 timestamp such as 2024-05-01T12:00:00Z"));
        }
        return new WaitState(name, f.selector("InputPath"), f.selector("OutputPath"),
                f.optionalInteger("Seconds", 0, MAX_SECONDS), f.optionalPath("SecondsPath"),
                timestamp, f.optionalPath("TimestampPath"), f.nextOrEnd());
    }

    private static State fail(String name, FieldReader f) {
        f.exclusive("Error", "ErrorPath");
        f.exclusive("Cause", "CausePath");
        return new FailState(name, f.optionalString("Error"), stringSource(f, "ErrorPath"),
                f.optionalString("Cause"), stringSource(f, "CausePath"));
    }

    /** ErrorPath / CausePath: a path, or an intrinsic function that yields a string. */
    private static IntrinsicArgument stringSource(FieldReader f, String field) {
        String text = f.optionalString(field);
        if (text == null) {
            return null;
        }
        if (text.startsWith("$")) {
            return new IntrinsicArgument.PathArgument(f.path(field, text));
        }
        try {
            return IntrinsicParser.parse(text);
        } catch (IllegalArgumentException e) {
            throw f.error(field, e.getMessage());
        }
    }

    static List<Retrier> retriers(FieldReader f) {
        JsonNode list = f.raw("Retry");
        if (list == null) {
            return List.of();
        }
        checkArray(f, "Retry", list);
        List<Retrier> retriers = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            FieldReader r = f.nested("Retry[" + i + "]", list.get(i));
            r.optionalString("Comment");
            List<String> errors = errorEquals(r, i == list.size() - 1);
            Long interval = r.optionalInteger("IntervalSeconds", 1, MAX_SECONDS);
            Long maxAttempts = r.optionalInteger("MaxAttempts", 0, MAX_RETRY_ATTEMPTS);
            Long maxDelay = r.optionalInteger("MaxDelaySeconds", 1, MAX_RETRY_DELAY_SECONDS);
            JsonNode backoff = r.raw("BackoffRate");
            if (backoff != null && (!backoff.isNumber() || backoff.asDouble() < 1.0)) {
                throw r.error("BackoffRate", "must be a number of at least 1.0, not " + backoff);
            }
            String jitter = r.optionalString("JitterStrategy");
            if (jitter != null && !"NONE".equals(jitter)) {
                throw r.error("JitterStrategy", "'" + jitter + "' is not supported by the embedded runner (only NONE)");
            }
            r.rejectUnread("a Retrier");
            retriers.add(new Retrier(errors,
                    interval == null ? Retrier.DEFAULT_INTERVAL_SECONDS : interval.intValue(),
                    maxAttempts == null ? Retrier.DEFAULT_MAX_ATTEMPTS : maxAttempts.intValue(),
                    backoff == null ? Retrier.DEFAULT_BACKOFF_RATE : backoff.asDouble(),
                    maxDelay == null ? null : maxDelay.intValue()));
        }
        return retriers;
    }

    static List<Catcher> catchers(FieldReader f) {
        JsonNode list = f.raw("Catch");
        if (list == null) {
            return List.of();
        }
        checkArray(f, "Catch", list);
        List<Catcher> catchers = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            FieldReader c = f.nested("Catch[" + i + "]", list.get(i));
            c.optionalString("Comment");
            List<String> errors = errorEquals(c, i == list.size() - 1);
            Catcher catcher = new Catcher(errors, c.resultPath("ResultPath"), c.requiredString("Next"));
            c.rejectUnread("a Catcher");
            catchers.add(catcher);
        }
        return catchers;
    }

    private static void checkArray(FieldReader f, String field, JsonNode list) {
        if (!list.isArray() || list.isEmpty()) {
            throw f.error(field, "must be a non-empty array");
        }
    }

    /** ErrorEquals: non-empty error names; States.ALL only alone and only in the last Retrier or Catcher. */
    private static List<String> errorEquals(FieldReader r, boolean last) {
        JsonNode list = r.raw("ErrorEquals");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw r.error("ErrorEquals", "is required: a non-empty array of error names");
        }
        List<String> errors = new ArrayList<>();
        for (JsonNode error : list) {
            if (!error.isTextual() || error.textValue().isEmpty()) {
                throw r.error("ErrorEquals", "must hold error names (strings), not " + error);
            }
            errors.add(error.textValue());
        }
        if (errors.contains(ErrorNames.ALL) && (errors.size() > 1 || !last)) {
            throw r.error("ErrorEquals", ErrorNames.ALL + " must appear alone, in the last Retrier or Catcher");
        }
        return List.copyOf(errors);
    }

    private static void checkTransitions(Map<String, State> states) {
        boolean terminal = false;
        for (State state : states.values()) {
            for (Map.Entry<String, String> transition : state.transitions().entrySet()) {
                if (!states.containsKey(transition.getValue())) {
                    throw InvalidDefinition.inField(state.name(), transition.getKey(),
                            "no state named '" + transition.getValue() + "'");
                }
            }
            terminal |= state instanceof SucceedState || state instanceof FailState || ends(state);
        }
        if (!terminal) {
            throw new InvalidDefinition("The definition has no terminal state (Succeed, Fail or \"End\": true), so it could never finish");
        }
    }

    private static boolean ends(State state) {
        return (state instanceof PassState p && p.next() == null)
                || (state instanceof TaskState t && t.next() == null)
                || (state instanceof WaitState w && w.next() == null)
                || (state instanceof MapState m && m.next() == null);
    }

    private static void checkReachable(String startAt, Map<String, State> states) {
        Set<String> reached = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(startAt));
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (reached.add(name)) {
                pending.addAll(states.get(name).transitions().values());
            }
        }
        for (String name : states.keySet()) {
            if (!reached.contains(name)) {
                throw InvalidDefinition.inState(name, "is not reachable from StartAt '" + startAt + "'");
            }
        }
    }
}
