package dk.munin.workflow;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dk.munin.state.Json;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses an intrinsic function call. Grammar:
 * <pre>
 *   call     := name '(' [argument (',' argument)*] ')'
 *   argument := string | number | true | false | null | path | call
 *   string   := "'" (char | '\' one of ' { } \)* "'"
 *   path     := '$' ... up to the next ',' or ')' outside brackets
 * </pre>
 * Errors are IllegalArgumentExceptions giving the position, so a bad call fails when the
 * definition is loaded, not when the state runs.
 */
final class IntrinsicParser {

    private final String text;
    private int pos;

    private IntrinsicParser(String text) {
        this.text = text;
    }

    static Intrinsic parse(String text) {
        IntrinsicParser parser = new IntrinsicParser(text);
        parser.skipSpaces();
        Intrinsic call = parser.call();
        parser.skipSpaces();
        if (parser.pos != text.length()) {
            throw parser.error("unexpected text after the closing parenthesis");
        }
        return call;
    }

    private Intrinsic call() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        String name = text.substring(start, pos);
        if (name.isEmpty()) {
            throw error("expected an intrinsic function name such as States.Format");
        }
        IntrinsicFunction function = IntrinsicFunction.named(name)
                .orElseThrow(() -> new IllegalArgumentException("'" + name + "' is not an intrinsic function the "
                        + "embedded runner supports (supported: " + IntrinsicFunction.names() + ")"));
        expect('(');
        List<IntrinsicArgument> arguments = new ArrayList<>();
        skipSpaces();
        if (peek() != ')') {
            arguments.add(argument());
            skipSpaces();
            while (peek() == ',') {
                pos++;
                skipSpaces();
                arguments.add(argument());
                skipSpaces();
            }
        }
        expect(')');
        function.checkArity(arguments.size());
        return new Intrinsic(function, arguments);
    }

    private IntrinsicArgument argument() {
        char c = peek();
        if (c == '\'') {
            return string();
        }
        if (c == '$') {
            return path();
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
        }
        for (String keyword : List.of("true", "false", "null")) {
            if (text.startsWith(keyword, pos) && !isNameChar(pos + keyword.length())) {
                pos += keyword.length();
                return new IntrinsicArgument.Literal(switch (keyword) {
                    case "true" -> BooleanNode.TRUE;
                    case "false" -> BooleanNode.FALSE;
                    default -> NullNode.getInstance();
                });
            }
        }
        if (Character.isLetter(c)) {
            return call();
        }
        throw error("expected a string, number, true, false, null, path or function call");
    }

    private IntrinsicArgument.StringLiteral string() {
        int start = ++pos;
        StringBuilder value = new StringBuilder();
        while (pos < text.length() && text.charAt(pos) != '\'') {
            char c = text.charAt(pos);
            if (c == '\\') {
                if (pos + 1 >= text.length() || "'{}\\".indexOf(text.charAt(pos + 1)) < 0) {
                    throw error("only \\' \\{ \\} and \\\\ may be escaped in a string");
                }
                c = text.charAt(++pos);
            }
            value.append(c);
            pos++;
        }
        if (pos >= text.length()) {
            throw error("unterminated string starting at position " + (start - 1));
        }
        String raw = text.substring(start, pos++);
        return new IntrinsicArgument.StringLiteral(raw, value.toString());
    }

    private IntrinsicArgument path() {
        int start = pos;
        int brackets = 0;
        char quote = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (brackets > 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (c == '[') {
                brackets++;
            } else if (c == ']') {
                brackets--;
            } else if (brackets == 0 && (c == ',' || c == ')')) {
                break;
            }
            pos++;
        }
        String path = text.substring(start, pos).trim();
        try {
            return new IntrinsicArgument.PathArgument(DataPath.parse(path));
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    private IntrinsicArgument.Literal number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        digits();
        if (peek() == '.') {
            pos++;
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            digits();
        }
        return new IntrinsicArgument.Literal(Json.parse(text.substring(start, pos)));
    }

    private void digits() {
        int start = pos;
        while (peek() >= '0' && peek() <= '9') {
            pos++;
        }
        if (pos == start) {
            throw error("expected a digit");
        }
    }

    private void expect(char c) {
        skipSpaces();
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private boolean isNameChar(int at) {
        return at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '.');
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException("'" + text + "' at position " + pos + ": " + message);
    }
}
