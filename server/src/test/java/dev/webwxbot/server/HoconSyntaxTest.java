package dev.webwxbot.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class HoconSyntaxTest {

    @Test
    void bracketsInsideStringsCommentsAndSubstitutionsDoNotCount() {
        assertEquals(Optional.empty(), HoconSyntax.unbalanced("""
                a { b = "}]", c = ${?X}, d = ${e.f} } # { [
                // ]
                g = \"\"\"
                { multi-line
                \"\"\"
                h = "escaped \\" }"
                """));
    }

    @Test
    void aClosingBracketOfTheWrongKindNamesTheOneItMeetsAndTheLineItWasOpenedOn() {
        assertEquals(Optional.of("4: ']' cannot close the '{' opened on line 2: a '}' is missing before it"),
                HoconSyntax.unbalanced("rules = [\n  { keyword = a\n    reply = \"}\" \n]\n"));
    }

    @Test
    void aBracketNeverClosedIsNamedWithItsLine() {
        assertEquals(Optional.of("2: the '[' opened here is never closed: a ']' is missing"),
                HoconSyntax.unbalanced("a {\n  b = [ 1, 2\n"));
    }

    @Test
    void aClosingBracketThatClosesNothingIsNamed() {
        assertEquals(Optional.of("2: '}' closes nothing; remove it or add the '{' it should close"),
                HoconSyntax.unbalanced("a = 1\n}\n"));
    }
}
