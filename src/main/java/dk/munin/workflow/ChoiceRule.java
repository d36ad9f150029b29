package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * One rule of a Choice state: a boolean combination (And, Or, Not) or a comparison of the value
 * at Variable with a literal or with the value at another path.
 */
sealed interface ChoiceRule {

    boolean matches(JsonNode data, JsonNode context) throws StateError;

    record And(List<ChoiceRule> rules) implements ChoiceRule {
        @Override
        public boolean matches(JsonNode data, JsonNode context) throws StateError {
            for (ChoiceRule rule : rules) {
                if (!rule.matches(data, context)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Or(List<ChoiceRule> rules) implements ChoiceRule {
        @Override
        public boolean matches(JsonNode data, JsonNode context) throws StateError {
            for (ChoiceRule rule : rules) {
                if (rule.matches(data, context)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(ChoiceRule rule) implements ChoiceRule {
        @Override
        public boolean matches(JsonNode data, JsonNode context) throws StateError {
            return !rule.matches(data, context);
        }
    }

    /** What a comparison operator compares, and so which JSON type its operands must have. */
    enum Kind {
        STRING, NUMERIC, BOOLEAN, TIMESTAMP, STRING_MATCHES,
        IS_PRESENT, IS_NULL, IS_STRING, IS_NUMERIC, IS_BOOLEAN, IS_TIMESTAMP
    }

    /** The ordering an operator tests, as a predicate on compareTo's sign. */
    enum Relation {
        EQUALS(c -> c == 0),
        LESS_THAN(c -> c < 0),
        GREATER_THAN(c -> c > 0),
        LESS_THAN_EQUALS(c -> c <= 0),
        GREATER_THAN_EQUALS(c -> c >= 0);

        private final IntPredicate holds;

        Relation(IntPredicate holds) {
            this.holds = holds;
        }

        boolean holds(int comparison) {
            return holds.test(comparison);
        }
    }

    /**
     * A comparison. Its operand is either {@code literal} or the value at {@code operandPath} (the
     * {@code ...Path} operators). Operands of the wrong type make the comparison false, as in
     * Step Functions; a Variable or operand path that selects nothing is States.Runtime, except
     * for IsPresent, whose purpose is to ask.
     */
    record Comparison(DataPath variable, String operator, Kind kind, Relation relation,
                      JsonNode literal, DataPath operandPath) implements ChoiceRule {

        @Override
        public boolean matches(JsonNode data, JsonNode context) throws StateError {
            Optional<JsonNode> found = variable.find(data, context);
            if (kind == Kind.IS_PRESENT) {
                return found.isPresent() == literal.booleanValue();
            }
            if (found.isEmpty()) {
                throw StateError.runtime("Invalid path '" + variable.text()
                        + "': The choice state's condition path references an invalid value.");
            }
            JsonNode value = found.get();
            return switch (kind) {
                case IS_NULL -> value.isNull() == literal.booleanValue();
                case IS_STRING -> value.isTextual() == literal.booleanValue();
                case IS_NUMERIC -> value.isNumber() == literal.booleanValue();
                case IS_BOOLEAN -> value.isBoolean() == literal.booleanValue();
                case IS_TIMESTAMP -> timestamp(value).isPresent() == literal.booleanValue();
                case STRING_MATCHES -> value.isTextual() && wildcard(literal.textValue()).matcher(value.textValue()).matches();
                default -> compare(value, operand(data, context));
            };
        }

        private JsonNode operand(JsonNode data, JsonNode context) throws StateError {
            if (operandPath == null) {
                return literal;
            }
            return operandPath.find(data, context).orElseThrow(() -> StateError.runtime("Invalid path '"
                    + operandPath.text() + "' in " + operator + ": The choice state's condition path references an invalid value."));
        }

        private boolean compare(JsonNode value, JsonNode operand) {
            return switch (kind) {
                case STRING -> value.isTextual() && operand.isTextual()
                        && relation.holds(value.textValue().compareTo(operand.textValue()));
                case NUMERIC -> value.isNumber() && operand.isNumber()
                        && relation.holds(value.decimalValue().compareTo(operand.decimalValue()));
                case BOOLEAN -> value.isBoolean() && operand.isBoolean() && value.booleanValue() == operand.booleanValue();
                case TIMESTAMP -> {
                    Optional<Instant> left = timestamp(value);
                    Optional<Instant> right = timestamp(operand);
                    yield left.isPresent() && right.isPresent() && relation.holds(left.get().compareTo(right.get()));
                }
                default -> throw new IllegalStateException("not a comparison: " + kind);
            };
        }

        private static Optional<Instant> timestamp(JsonNode value) {
            return value.isTextual() ? Timestamps.parse(value.textValue()) : Optional.empty();
        }

        /** StringMatches: {@code *} is any run of characters; {@code \*} and {@code \\} are literal. */
        static Pattern wildcard(String pattern) {
            StringBuilder regex = new StringBuilder();
            StringBuilder literalRun = new StringBuilder();
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c == '\\' && i + 1 < pattern.length() && (pattern.charAt(i + 1) == '*' || pattern.charAt(i + 1) == '\\')) {
                    literalRun.append(pattern.charAt(++i));
                } else if (c == '*') {
                    regex.append(Pattern.quote(literalRun.toString())).append(".*");
                    literalRun.setLength(0);
                } else {
                    literalRun.append(c);
                }
            }
            regex.append(Pattern.quote(literalRun.toString()));
            return Pattern.compile(regex.toString(), Pattern.DOTALL);
        }
    }
}
