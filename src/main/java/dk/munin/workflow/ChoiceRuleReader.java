package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a Choice state's rules, checking each operator's operand type up front. */
final class ChoiceRuleReader {

    /** What an operator name means. */
    private record Operator(ChoiceRule.Kind kind, ChoiceRule.Relation relation, boolean comparesWithPath) {
    }

    private static final Map<String, Operator> OPERATORS = operators();

    private ChoiceRuleReader() {
    }

    static ChoiceRule read(FieldReader rule, boolean topLevel) {
        rule.optionalString("Comment");
        List<String> present = new ArrayList<>();
        for (String combinator : List.of("And", "Or", "Not")) {
            if (rule.has(combinator)) {
                present.add(combinator);
            }
        }
        OPERATORS.keySet().stream().filter(rule::has).forEach(present::add);
        if (present.size() != 1) {
            throw rule.objectError(present.isEmpty() ? "a choice rule needs And, Or, Not or one comparison operator"
                            : "a choice rule takes exactly one of And, Or, Not or a comparison operator, not " + present);
        }
        String operator = present.get(0);
        ChoiceRule parsed = switch (operator) {
            case "And" -> new ChoiceRule.And(rules(rule, "And"));
            case "Or" -> new ChoiceRule.Or(rules(rule, "Or"));
            case "Not" -> new ChoiceRule.Not(read(rule.nested("Not", rule.raw("Not")), false));
            default -> comparison(rule, operator);
        };
        if (!topLevel && rule.has("Next")) {
            throw rule.error("Next", "only a top-level choice rule has Next");
        }
        if (!topLevel) {
            rule.rejectUnread("a nested choice rule");
        }
        return parsed;
    }

    private static List<ChoiceRule> rules(FieldReader rule, String combinator) {
        JsonNode list = rule.raw(combinator);
        if (!list.isArray() || list.isEmpty()) {
            throw rule.error(combinator, "must be a non-empty array of choice rules");
        }
        List<ChoiceRule> rules = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            rules.add(read(rule.nested(combinator + "[" + i + "]", list.get(i)), false));
        }
        return rules;
    }

    private static ChoiceRule comparison(FieldReader rule, String name) {
        Operator operator = OPERATORS.get(name);
        DataPath variable = rule.path("Variable", rule.requiredString("Variable"));
        JsonNode operand = rule.raw(name);
        if (operator.comparesWithPath()) {
            if (!operand.isTextual()) {
                throw rule.error(name, "must be a JSONPath string");
            }
            return new ChoiceRule.Comparison(variable, name, operator.kind(), operator.relation(), null,
                    rule.path(name, operand.textValue()));
        }
        String problem = switch (operator.kind()) {
            case STRING, STRING_MATCHES -> operand.isTextual() ? null : "must be a string";
            case NUMERIC -> operand.isNumber() ? null : "must be a number";
            case TIMESTAMP -> operand.isTextual() && Timestamps.parse(operand.textValue()).isPresent()
                    ? null : "must be an RFC 3339 timestamp string such as 2024-05-01T12:00:00Z";
            default -> operand.isBoolean() ? null : "must be true or false";
        };
        if (problem != null) {
            throw rule.error(name, problem + ", not " + operand);
        }
        return new ChoiceRule.Comparison(variable, name, operator.kind(), operator.relation(), operand, null);
    }

    private static Map<String, Operator> operators() {
        Map<String, Operator> operators = new LinkedHashMap<>();
        Map<String, ChoiceRule.Kind> types = Map.of(
                "String", ChoiceRule.Kind.STRING,
                "Numeric", ChoiceRule.Kind.NUMERIC,
                "Timestamp", ChoiceRule.Kind.TIMESTAMP);
        Map<String, ChoiceRule.Relation> relations = Map.of(
                "Equals", ChoiceRule.Relation.EQUALS,
                "LessThan", ChoiceRule.Relation.LESS_THAN,
                "GreaterThan", ChoiceRule.Relation.GREATER_THAN,
                "LessThanEquals", ChoiceRule.Relation.LESS_THAN_EQUALS,
                "GreaterThanEquals", ChoiceRule.Relation.GREATER_THAN_EQUALS);
        types.forEach((type, kind) -> relations.forEach((relation, value) -> {
            operators.put(type + relation, new Operator(kind, value, false));
            operators.put(type + relation + "Path", new Operator(kind, value, true));
        }));
        operators.put("BooleanEquals", new Operator(ChoiceRule.Kind.BOOLEAN, ChoiceRule.Relation.EQUALS, false));
        operators.put("BooleanEqualsPath", new Operator(ChoiceRule.Kind.BOOLEAN, ChoiceRule.Relation.EQUALS, true));
        operators.put("StringMatches", new Operator(ChoiceRule.Kind.STRING_MATCHES, null, false));
        operators.put("IsPresent", new Operator(ChoiceRule.Kind.IS_PRESENT, null, false));
        operators.put("IsNull", new Operator(ChoiceRule.Kind.IS_NULL, null, false));
        operators.put("IsString", new Operator(ChoiceRule.Kind.IS_STRING, null, false));
        operators.put("IsNumeric", new Operator(ChoiceRule.Kind.IS_NUMERIC, null, false));
        operators.put("IsBoolean", new Operator(ChoiceRule.Kind.IS_BOOLEAN, null, false));
        operators.put("IsTimestamp", new Operator(ChoiceRule.Kind.IS_TIMESTAMP, null, false));
        return Map.copyOf(operators);
    }
}
