package io.switchboard.adapter.rest.acs;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.domain.media.Tone;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** GA's tone names: {@code zero}…{@code nine}, {@code a}…{@code d}, {@code pound}, {@code asterisk}. */
final class GaTones {

    private static final List<String> DIGITS =
            List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");

    private GaTones() {
    }

    static List<Tone> read(List<JsonNode> nodes, String path) {
        List<Tone> tones = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            tones.add(read(nodes.get(i), path + "[" + i + "]"));
        }
        return tones;
    }

    static Tone read(JsonNode node, String path) {
        String name = node.isTextual() ? node.textValue().toLowerCase(Locale.ROOT) : "";
        int digit = DIGITS.indexOf(name);
        if (digit >= 0) {
            return Tone.values()[digit];
        }
        return switch (name) {
            case "a" -> Tone.A;
            case "b" -> Tone.B;
            case "c" -> Tone.C;
            case "d" -> Tone.D;
            case "pound" -> Tone.POUND;
            case "asterisk" -> Tone.STAR;
            default -> throw new IllegalArgumentException(path + ": " + node
                    + " (expected: zero-nine, a-d, pound or asterisk)");
        };
    }
}
