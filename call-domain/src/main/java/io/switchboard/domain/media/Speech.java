package io.switchboard.domain.media;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What to say, as any speech engine can say it: words (with the rate, pitch and volume to say them at) and pauses,
 * in order. A text source is one run of words; an SSML document is read into runs and pauses here, so that engines
 * without SSML speak it the same.
 *
 * <p>SSML read: {@code speak} ({@code xml:lang}), {@code voice} ({@code name}), {@code p} and {@code s} (a pause
 * after a paragraph), {@code break} ({@code time} or {@code strength}), {@code prosody} ({@code rate}, {@code pitch},
 * {@code volume}: keywords or percentages), {@code say-as} ({@code digits}, {@code characters} and
 * {@code telephone} spelled out; {@code cardinal}, {@code date} and the rest read as written), {@code audio} (its
 * {@code src}, an http(s) file, played in its place; its content, the fallback, is not read). Any other element is
 * read as its text.
 *
 * @param locale    the language asked for, if any
 * @param voiceName the voice asked for, if any
 */
public record Speech(List<Part> parts, Optional<String> locale, Optional<String> voiceName) {

    /** A piece of speech. */
    public sealed interface Part {
    }

    /**
     * Words to say; the factors are relative to the voice's own (1 = as it is).
     *
     * @param volume 0 (silent) to 2
     */
    public record Words(String text, double rate, double pitch, double volume) implements Part {

        public Words {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Silence. */
    public record Pause(Duration length) implements Part {

        public Pause {
            Objects.requireNonNull(length, "length");
        }
    }

    /** An audio file played in place ({@code <audio src>}): fetched like a file source, never given to an engine. */
    public record Audio(URI source) implements Part {

        public Audio {
            Objects.requireNonNull(source, "source");
        }
    }

    /** The longest pause one {@code break} may ask for (ACS's limit). */
    public static final Duration MAX_BREAK = Duration.ofSeconds(5);

    private static final Duration PARAGRAPH_PAUSE = Duration.ofMillis(300);
    private static final Pattern TIME = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s)\\s*");
    private static final Pattern PERCENT = Pattern.compile("\\s*([+-]?\\d+(?:\\.\\d+)?)\\s*%\\s*");

    public Speech {
        parts = List.copyOf(parts);
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(voiceName, "voiceName");
    }

    /** The speech of a text or SSML play source. */
    public static Speech of(PlaySource source) {
        if (source instanceof TextPlaySource text) {
            return new Speech(List.of(new Words(text.text(), 1, 1, 1)), text.locale(), text.voiceName());
        }
        if (source instanceof SsmlPlaySource ssml) {
            return parse(ssml.ssml());
        }
        throw new IllegalArgumentException("source: " + source + " (expected: a text or SSML source)");
    }

    /**
     * Reads an SSML document.
     *
     * @throws IllegalArgumentException naming {@code ssmlText} if it is not well-formed XML with a {@code speak}
     *                                  root, or a value it reads is off
     */
    public static Speech parse(String ssml) {
        Element speak = document(ssml);
        if (!local(speak).equals("speak")) {
            throw new IllegalArgumentException("ssmlText: root <" + speak.getTagName() + "> (expected: <speak>)");
        }
        Reader reader = new Reader();
        reader.read(speak, new Prosody(1, 1, 1));
        Optional<String> lang = Optional.of(speak.getAttribute("xml:lang")).filter(l -> !l.isBlank());
        return new Speech(reader.parts, lang, reader.voice);
    }

    /** The words said, without pauses: what a listener would write down. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Words words) {
                text.append(text.length() == 0 ? "" : " ").append(words.text());
            }
        }
        return text.toString();
    }

    private record Prosody(double rate, double pitch, double volume) {
    }

    /** Walks the document, collecting parts. */
    private static final class Reader {
        private final List<Part> parts = new ArrayList<>();
        private Optional<String> voice = Optional.empty();

        void read(Element element, Prosody prosody) {
            for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                    say(child.getNodeValue(), prosody);
                } else if (child instanceof Element inner) {
                    element(inner, prosody);
                }
            }
        }

        private void element(Element element, Prosody prosody) {
            switch (local(element)) {
                case "break" -> parts.add(new Pause(pause(element)));
                case "voice" -> {
                    if (voice.isEmpty() && !element.getAttribute("name").isBlank()) {
                        voice = Optional.of(element.getAttribute("name"));
                    }
                    read(element, prosody);
                }
                case "p" -> {
                    read(element, prosody);
                    parts.add(new Pause(PARAGRAPH_PAUSE));
                }
                case "prosody" -> read(element, new Prosody(
                        factor(element, "rate", prosody.rate(), "x-slow", 0.5, "slow", 0.75, "medium", 1,
                                "fast", 1.3, "x-fast", 1.6),
                        factor(element, "pitch", prosody.pitch(), "x-low", 0.7, "low", 0.85, "medium", 1,
                                "high", 1.15, "x-high", 1.3),
                        factor(element, "volume", prosody.volume(), "silent", 0, "x-soft", 0.3, "soft", 0.6,
                                "medium", 1, "loud", 1.4, "x-loud", 1.8)));
                case "say-as" -> say(sayAs(element), prosody);
                case "audio" -> parts.add(new Audio(audioSource(element)));
                default -> read(element, prosody);
            }
        }

        private void say(String text, Prosody prosody) {
            String words = text.replaceAll("\\s+", " ").trim();
            if (!words.isEmpty()) {
                parts.add(new Words(words, prosody.rate(), prosody.pitch(), Math.min(2, prosody.volume())));
            }
        }
    }

    private static URI audioSource(Element element) {
        String src = element.getAttribute("src").trim();
        try {
            URI uri = new URI(src);
            if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new IllegalArgumentException("ssmlText: <audio src=\"" + src + "\"> (expected: an http or https URL "
                + "of a WAV file)");
    }

    private static String sayAs(Element element) {
        String text = element.getTextContent().trim();
        String as = element.getAttribute("interpret-as").toLowerCase(Locale.ROOT);
        return switch (as) {
            case "digits", "characters", "spell-out", "telephone" -> spelled(text);
            default -> text;
        };
    }

    /** One character after the other, groups of a telephone number kept apart by a pause (a comma). */
    private static String spelled(String text) {
        List<String> tokens = new ArrayList<>();
        for (char c : text.toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                tokens.add(String.valueOf(c));
            } else if ("- ()".indexOf(c) >= 0 && !tokens.isEmpty() && !tokens.get(tokens.size() - 1).equals(",")) {
                tokens.add(",");
            }
        }
        return String.join(" ", tokens).replace(" ,", ",");
    }

    private static Duration pause(Element element) {
        String time = element.getAttribute("time");
        if (!time.isBlank()) {
            Matcher m = TIME.matcher(time);
            if (!m.matches()) {
                throw new IllegalArgumentException("ssmlText: <break time=\"" + time + "\"> (expected: e.g. 500ms or 2s)");
            }
            double amount = Double.parseDouble(m.group(1));
            Duration length = Duration.ofMillis(Math.round(m.group(2).equals("s") ? amount * 1000 : amount));
            return length.compareTo(MAX_BREAK) > 0 ? MAX_BREAK : length;
        }
        String strength = element.getAttribute("strength").toLowerCase(Locale.ROOT);
        return Duration.ofMillis(switch (strength) {
            case "none" -> 0;
            case "x-weak" -> 100;
            case "weak" -> 250;
            case "", "medium" -> 500;
            case "strong" -> 750;
            case "x-strong" -> 1000;
            default -> throw new IllegalArgumentException("ssmlText: <break strength=\"" + strength
                    + "\"> (expected: none, x-weak, weak, medium, strong or x-strong)");
        });
    }

    /** A prosody attribute: a keyword of the table, or a relative percentage; absent keeps {@code inherited}. */
    private static double factor(Element element, String attribute, double inherited, Object... table) {
        String value = element.getAttribute(attribute).trim().toLowerCase(Locale.ROOT);
        if (value.isEmpty() || value.equals("default")) {
            return inherited;
        }
        for (int i = 0; i < table.length; i += 2) {
            if (table[i].equals(value)) {
                return ((Number) table[i + 1]).doubleValue();
            }
        }
        Matcher m = PERCENT.matcher(value);
        if (m.matches()) {
            double percent = Double.parseDouble(m.group(1));
            boolean relative = value.startsWith("+") || value.startsWith("-");
            return Math.max(0.1, relative ? inherited * (1 + percent / 100) : percent / 100);
        }
        throw new IllegalArgumentException("ssmlText: <prosody " + attribute + "=\"" + value + "\"> (expected: a "
                + "keyword such as medium, or a percentage such as +10%)");
    }

    private static String local(Element element) {
        String name = element.getLocalName() != null ? element.getLocalName() : element.getTagName();
        int colon = name.indexOf(':');
        return (colon >= 0 ? name.substring(colon + 1) : name).toLowerCase(Locale.ROOT);
    }

    /** Parses without fetching anything: no DTDs, no external entities. */
    private static Element document(String ssml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            factory.setXIncludeAware(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler()); // fatal errors throw; nothing goes to stderr
            return builder.parse(new InputSource(new StringReader(ssml))).getDocumentElement();
        } catch (SAXException e) {
            throw new IllegalArgumentException("ssmlText: not well-formed SSML: " + e.getMessage()
                    + " (expected: a <speak> document)");
        } catch (ParserConfigurationException | IOException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be set up: " + e.getMessage(), e);
        }
    }
}
