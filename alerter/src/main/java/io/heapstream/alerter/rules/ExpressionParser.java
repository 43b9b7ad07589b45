package io.heapstream.alerter.rules;

import java.util.Locale;

/**
 * Reads a condition. The grammar, lowest precedence first:
 * <pre>
 *   condition  := and ('or' and)*
 *   and        := comparison ('and' comparison)*
 *   comparison := sum (('&gt;' | '&gt;=' | '&lt;' | '&lt;=' | '==' | '!=') sum)?
 *   sum        := product (('+' | '-') product)*
 *   product    := unary (('*' | '/') unary)*
 *   unary      := '-' unary | number | metric '.' stat | 'increase(' metric ')' | '(' condition ')'
 *   stat       := count | avg | min | max | last
 * </pre>
 * A metric is a name of the catalogue ({@link MetricNames}); anything else is an {@link IllegalArgumentException}
 * saying what was expected at which column.
 */
public final class ExpressionParser {
    private final String text;
    private int pos;

    private ExpressionParser(String text) {
        this.text = text;
    }

    /** Parses a whole condition; it must be a comparison (or combine comparisons with and/or). */
    public static Expression parse(String text) {
        var p = new ExpressionParser(text);
        var e = p.or();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("unexpected '" + text.substring(p.pos) + "'");
        }
        if (!(e instanceof Expression.Compare || e instanceof Expression.Logic)) {
            throw new IllegalArgumentException("condition '" + text + "' is not a comparison (e.g. ... > 0.9)");
        }
        return e;
    }

    private Expression or() {
        var e = and();
        while (keyword("or")) {
            e = new Expression.Logic(false, e, and());
        }
        return e;
    }

    private Expression and() {
        var e = comparison();
        while (keyword("and")) {
            e = new Expression.Logic(true, e, comparison());
        }
        return e;
    }

    private Expression comparison() {
        var left = sum();
        for (String op : new String[] {">=", "<=", "==", "!=", ">", "<"}) {
            if (symbol(op)) {
                return new Expression.Compare(op, left, sum());
            }
        }
        return left;
    }

    private Expression sum() {
        var e = product();
        while (true) {
            if (symbol("+")) {
                e = new Expression.Arith('+', e, product());
            } else if (symbol("-")) {
                e = new Expression.Arith('-', e, product());
            } else {
                return e;
            }
        }
    }

    private Expression product() {
        var e = unary();
        while (true) {
            if (symbol("*")) {
                e = new Expression.Arith('*', e, unary());
            } else if (symbol("/")) {
                e = new Expression.Arith('/', e, unary());
            } else {
                return e;
            }
        }
    }

    private Expression unary() {
        if (symbol("-")) {
            return new Expression.Arith('-', new Expression.Number(0), unary());
        }
        if (symbol("(")) {
            var e = or();
            expect(")");
            return e;
        }
        skipSpace();
        if (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            return number();
        }
        int at = pos;
        var name = name();
        if (name.isEmpty()) {
            throw error(pos >= text.length() ? "the condition ends too early" : "expected a number, a metric or '('");
        }
        if (name.equals("increase") && symbol("(")) {
            var metric = metric(name(), at);
            expect(")");
            return new Expression.Increase(metric);
        }
        metric(name, at);
        if (!symbol(".")) {
            throw error("expected '.' and a statistic (count, avg, min, max, last) after metric " + name);
        }
        skipSpace();
        int statAt = pos;
        var statName = name();
        var stat = Stat.byId(statName);
        if (stat == null) {
            pos = statAt;
            throw error("unknown statistic '" + statName + "' of " + name + " (count, avg, min, max, last)");
        }
        return new Expression.Ref(name, stat);
    }

    private String metric(String name, int at) {
        if (!MetricNames.exists(name)) {
            pos = at;
            throw error("unknown metric '" + name + "'" + MetricNames.suggestion(name));
        }
        return name;
    }

    private Expression number() {
        int start = pos;
        while (pos < text.length() && "0123456789.eE".indexOf(text.charAt(pos)) >= 0
                || pos > start && pos < text.length() && "+-".indexOf(text.charAt(pos)) >= 0
                && "eE".indexOf(text.charAt(pos - 1)) >= 0) {
            pos++;
        }
        try {
            return new Expression.Number(Double.parseDouble(text.substring(start, pos)));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("'" + text.substring(start) + "' is not a number");
        }
    }

    private String name() {
        skipSpace();
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
                || text.charAt(pos) == '/')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private boolean keyword(String word) {
        skipSpace();
        if (text.regionMatches(true, pos, word, 0, word.length())
                && (pos + word.length() == text.length() || text.charAt(pos + word.length()) == ' '
                || text.charAt(pos + word.length()) == '(')) {
            pos += word.length();
            return true;
        }
        return false;
    }

    private boolean symbol(String s) {
        skipSpace();
        if (text.startsWith(s, pos)) {
            pos += s.length();
            return true;
        }
        return false;
    }

    private void expect(String s) {
        if (!symbol(s)) {
            throw error("expected '" + s + "'");
        }
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(String.format(Locale.ROOT, "condition '%s' column %d: %s", text, pos + 1,
                what));
    }
}
