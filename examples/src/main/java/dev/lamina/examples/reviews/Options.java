package dev.lamina.examples.reviews;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options of the form {@code --name value} or {@code --flag}, plus positional arguments.
 *
 * <pre>{@code
 * Options options = Options.parse(args, Set.of("--dense"), Set.of("--epochs", "--data"));
 * int epochs = options.integer("--epochs", 4);
 * }</pre>
 */
public final class Options {

    private final Map<String, String> values = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Options() {
    }

    public static Options parse(String[] args, Set<String> flags, Set<String> valued) {
        Options options = new Options();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--") && arg.contains("=")) {
                String name = arg.substring(0, arg.indexOf('='));
                check(name, valued);
                options.values.put(name, arg.substring(arg.indexOf('=') + 1));
            } else if (flags.contains(arg)) {
                options.values.put(arg, "true");
            } else if (valued.contains(arg)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                options.values.put(arg, args[++i]);
            } else if (arg.startsWith("--")) {
                Set<String> all = new java.util.TreeSet<>(flags);
                all.addAll(valued);
                throw new IllegalArgumentException("unknown option " + arg + "; known: " + all);
            } else {
                options.positional.add(arg);
            }
        }
        return options;
    }

    private static void check(String name, Set<String> valued) {
        if (!valued.contains(name)) {
            throw new IllegalArgumentException("unknown option " + name + "; known: " + valued);
        }
    }

    public boolean flag(String name) {
        return values.containsKey(name);
    }

    public String text(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    public int integer(String name, int defaultValue) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed <= 0) {
                throw new IllegalArgumentException(name + " must be a positive integer, not " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, not '" + value + "'");
        }
    }

    public double number(String name, double defaultValue) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, not '" + value + "'");
        }
    }

    public List<String> positional() {
        return List.copyOf(positional);
    }
}
