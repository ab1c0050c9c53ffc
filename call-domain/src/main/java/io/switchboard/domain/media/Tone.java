package io.switchboard.domain.media;

import java.util.Optional;

/** A DTMF key. {@link #symbol()} is the character printed on the key. */
public enum Tone {
    ZERO('0'), ONE('1'), TWO('2'), THREE('3'), FOUR('4'), FIVE('5'), SIX('6'), SEVEN('7'), EIGHT('8'), NINE('9'),
    STAR('*'), POUND('#'), A('A'), B('B'), C('C'), D('D'), FLASH('!');

    private final char symbol;

    Tone(char symbol) {
        this.symbol = symbol;
    }

    public char symbol() {
        return symbol;
    }

    /** Its RFC 4733 event code (§3.2): 0-9 the digits, 10 {@code *}, 11 {@code #}, 12-15 A-D, 16 flash. */
    public int eventCode() {
        return ordinal(); // the keys are declared in the order of their codes
    }

    /** The tone of an RFC 4733 event code; empty for codes other than 0-16 (e.g. fax tones, RFC 4734). */
    public static Optional<Tone> ofEventCode(int code) {
        Tone[] all = values();
        return code >= 0 && code < all.length ? Optional.of(all[code]) : Optional.empty();
    }

    /**
     * The tone for a key symbol ({@code 0-9 * # A-D !}, letters in either case).
     *
     * @throws IllegalArgumentException for any other character
     */
    public static Tone ofSymbol(char symbol) {
        char upper = Character.toUpperCase(symbol);
        for (Tone tone : values()) {
            if (tone.symbol == upper) {
                return tone;
            }
        }
        throw new IllegalArgumentException("tone: " + symbol + " (expected: one of 0-9 * # A-D !)");
    }
}
