package lesion.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import lesion.parse.Keywords;
import lesion.parse.ParseResult;
import lesion.parse.Parser;
import lesion.source.SourceFile;
import org.junit.jupiter.api.Test;

/** The command table: prefixes, the help it generates, and help on every statement the grammar
 * has, whose examples parse. */
class CommandsTest {

    @Test
    void aUniquePrefixNamesACommandAndAnAmbiguousOneSaysWhatItCouldBe() {
        assertEquals(":layers", Commands.find(":la", new ArrayList<>()).name());
        assertEquals(":quit", Commands.find(":q", new ArrayList<>()).name());
        assertEquals(":show", Commands.find(":SHOW", new ArrayList<>()).name(), "commands ignore case");
        List<Commands.Command> could = new ArrayList<>();
        assertNull(Commands.find(":s", could));
        assertEquals(List.of(":show", ":save"), could.stream().map(Commands.Command::name).toList());
        List<Commands.Command> none = new ArrayList<>();
        assertNull(Commands.find(":x", none));
        assertTrue(none.isEmpty());
    }

    @Test
    void theHelpListsEveryCommandOnce() {
        String help = Commands.help();
        for (Commands.Command c : Commands.ALL) {
            assertEquals(1, help.lines().filter(l -> l.startsWith("  " + c.name() + " ")).count(), c.name());
        }
        assertEquals(Commands.ALL.size(), help.lines().count());
    }

    @Test
    void everyStatementTheGrammarHasHasHelp() {
        assertEquals(List.copyOf(Keywords.statements()), List.copyOf(StatementHelp.keywords()),
                "the statement keywords of the lexer, in order");
        for (String keyword : Keywords.statements()) {
            String help = StatementHelp.of(keyword.toUpperCase(java.util.Locale.ROOT));
            assertNotNull(help, keyword);
            for (String example : help.lines().skip(1).map(String::strip).toList()) {
                ParseResult parsed = Parser.parse(new SourceFile("help", example));
                assertTrue(parsed.study() != null, "the example '" + example + "' parses: " + parsed.diagnostics());
                assertEquals(keyword, parsed.study().statements().get(0).keyword(), example);
            }
        }
    }
}
