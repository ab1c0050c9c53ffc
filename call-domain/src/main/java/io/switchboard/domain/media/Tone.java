package io.switchboard.domain.media;

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
