package io.switchboard.examples.incident;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code --name value} pairs; an option may repeat. */
final class Options {

    private Options() {
    }

    static Map<String, List<String>> parse(List<String> args) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || i + 1 >= args.size()) {
                throw new IllegalArgumentException(arg + ": expected --option value");
            }
            options.computeIfAbsent(arg.substring(2), k -> new ArrayList<>()).add(args.get(++i));
        }
        return options;
    }

    static Optional<String> last(Map<String, List<String>> options, String name) {
        List<String> values = options.getOrDefault(name, List.of());
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": " + value + " (expected: a whole number)");
        }
    }

    static Duration seconds(Map<String, List<String>> options, String name, int fallback) {
        int seconds = last(options, name).map(v -> integer(name, v)).orElse(fallback);
        if (seconds < 0) {
            throw new IllegalArgumentException("--" + name + ": " + seconds + " (expected: seconds >= 0)");
        }
        return Duration.ofSeconds(seconds);
    }
}
