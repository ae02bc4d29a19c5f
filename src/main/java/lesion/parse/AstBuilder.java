package lesion.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lesion.ast.Duration;
import lesion.ast.Freeze;
import lesion.ast.IntLit;
import lesion.ast.LayerRef;
import lesion.ast.LayerTarget;
import lesion.ast.Method;
import lesion.ast.ModelSpec;
import lesion.ast.NumLit;
import lesion.ast.Optimizer;
import lesion.ast.PercentLit;
import lesion.ast.Selection;
import lesion.ast.Statement;
import lesion.ast.StrLit;
import lesion.ast.Study;
import lesion.ast.Word;
import lesion.parse.generated.StudyParser;
import lesion.parse.generated.StudyParserBaseVisitor;
import lesion.source.Diagnostics;
import lesion.source.SourceFile;
import lesion.source.Span;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Turns a parse tree into the immutable AST of {@link lesion.ast}, one visit method per labelled
 * alternative of the grammar, so that nothing after the parser sees an ANTLR type.
 *
 * <p>Every node's span runs from the first to the last token of its text (a statement's includes
 * its ';'). Keywords and names chosen from a closed set become lower-cased {@link Word}s; layer
 * names keep the case they were written in. Defaults the grammar lets users leave out:
 * <ul>
 *   <li>{@code model mlp} without an activation: {@code relu}, as a Word with the span of the
 *       {@code mlp} keyword (there is no text of its own to point at);
 *   <li>{@code model mlp} has biases unless {@code nobias} is written;
 *   <li>{@code model vgg19} without {@code bn}: no batch normalisation; width null when unwritten;
 *   <li>{@code ablate} without {@code using}: method null (the engine's default, zero);
 *   <li>every other unwritten optional part: null (or false for {@code regrow}).
 * </ul>
 * Numbers that do not fit a {@code long} (or a double) are reported as errors here.
 */
final class AstBuilder extends StudyParserBaseVisitor<Object> {
    /** The activation of an MLP's hidden layers when none is written. */
    static final String DEFAULT_ACTIVATION = "relu";

    private final Spans spans;
    private final Diagnostics diagnostics;

    AstBuilder(Spans spans, Diagnostics diagnostics) {
        this.spans = spans;
        this.diagnostics = diagnostics;
    }

    Statement statement(StudyParser.StatementContext ctx) {
        return (Statement) visit(ctx);
    }

    /** The whole-study rule; the reader parses statement by statement, this is the simple path kept for tests. */
    Study study(SourceFile source, StudyParser.StudyContext ctx) {
        List<Statement> statements = new ArrayList<>();
        for (StudyParser.StatementContext s : ctx.statement()) {
            statements.add(statement(s));
        }
        return new Study(source, statements);
    }

    // ---- statements

    @Override
    public Statement visitTitleStatement(StudyParser.TitleStatementContext ctx) {
        return new Statement.Title(string(ctx.STRING()), span(ctx));
    }

    @Override
    public Statement visitSeedStatement(StudyParser.SeedStatementContext ctx) {
        return new Statement.Seed(integer(ctx.INT()), span(ctx));
    }

    @Override
    public Statement visitDataStatement(StudyParser.DataStatementContext ctx) {
        StudyParser.DataSourceContext source = ctx.dataSource();
        StrLit path = source instanceof StudyParser.IdxDataContext idx ? string(idx.STRING()) : null;
        IntLit train = null;
        IntLit test = null;
        StudyParser.LimitClauseContext limit = ctx.limitClause();
        if (limit != null) {
            train = limit.train == null ? null : integer(limit.train);
            test = limit.test == null ? null : integer(limit.test);
        }
        return new Statement.Data(word(source.start), path, train, test, span(ctx));
    }

    @Override
    public Statement visitModelStatement(StudyParser.ModelStatementContext ctx) {
        return new Statement.Model((ModelSpec) visit(ctx.modelSpec()), span(ctx));
    }

    @Override
    public Statement visitWeightsStatement(StudyParser.WeightsStatementContext ctx) {
        return new Statement.Weights(string(ctx.STRING()), span(ctx));
    }

    @Override
    public Statement visitTrainStatement(StudyParser.TrainStatementContext ctx) {
        IntLit batch = ctx.BATCH() == null ? null : integer(ctx.INT(1));
        return new Statement.Train(integer(ctx.INT(0)), batch, optimizer(ctx.optimizer()), span(ctx));
    }

    @Override
    public Statement visitInstancesStatement(StudyParser.InstancesStatementContext ctx) {
        return new Statement.Instances(integer(ctx.INT()), span(ctx));
    }

    @Override
    public Statement visitEvaluateStatement(StudyParser.EvaluateStatementContext ctx) {
        return new Statement.Evaluate(span(ctx));
    }

    @Override
    public Statement visitAblateStatement(StudyParser.AblateStatementContext ctx) {
        Method method = ctx.method() == null ? null : (Method) visit(ctx.method());
        return new Statement.Ablate((LayerTarget) visit(ctx.layerTarget()), (Selection) visit(ctx.selection()),
                method, span(ctx));
    }

    @Override
    public Statement visitRecoverStatement(StudyParser.RecoverStatementContext ctx) {
        NumLit lr = ctx.LR() == null ? null : number(ctx.number());
        IntLit batch = ctx.BATCH() == null ? null : integer(ctx.INT());
        Freeze freeze = ctx.freezeClause() == null ? null : (Freeze) visit(ctx.freezeClause());
        return new Statement.Recover((Duration) visit(ctx.duration()), lr, batch, optimizer(ctx.optimizer()), freeze,
                ctx.REGROW() != null, span(ctx));
    }

    @Override
    public Statement visitRestoreStatement(StudyParser.RestoreStatementContext ctx) {
        return new Statement.Restore(span(ctx));
    }

    @Override
    public Statement visitRepeatStatement(StudyParser.RepeatStatementContext ctx) {
        List<Statement> body = new ArrayList<>();
        for (StudyParser.StatementContext s : ctx.statement()) {
            body.add(statement(s));
        }
        return new Statement.Repeat(integer(ctx.INT()), body, span(ctx));
    }

    @Override
    public Statement visitImportanceStatement(StudyParser.ImportanceStatementContext ctx) {
        return new Statement.Importance(layerRef(ctx.layerRef()), word(ctx.MANNWHITNEY().getSymbol()), span(ctx));
    }

    @Override
    public Statement visitRedundancyStatement(StudyParser.RedundancyStatementContext ctx) {
        return new Statement.Redundancy(layerRef(ctx.layerRef()), span(ctx));
    }

    @Override
    public Statement visitSelectivityStatement(StudyParser.SelectivityStatementContext ctx) {
        return new Statement.Selectivity(layerRef(ctx.layerRef()), span(ctx));
    }

    @Override
    public Statement visitEmbedStatement(StudyParser.EmbedStatementContext ctx) {
        return new Statement.Embed(word(ctx.TSNE().getSymbol()), span(ctx));
    }

    @Override
    public Statement visitReportStatement(StudyParser.ReportStatementContext ctx) {
        return new Statement.Report(string(ctx.STRING()), span(ctx));
    }

    // ---- models

    @Override
    public ModelSpec visitMlpModel(StudyParser.MlpModelContext ctx) {
        List<IntLit> sizes = new ArrayList<>();
        for (TerminalNode size : ctx.INT()) {
            sizes.add(integer(size));
        }
        Word activation = ctx.activation != null
                ? word(ctx.activation)
                : new Word(DEFAULT_ACTIVATION, spans.of(ctx.MLP().getSymbol()));
        return new ModelSpec.Mlp(sizes, activation, ctx.NOBIAS() == null, span(ctx));
    }

    @Override
    public ModelSpec visitVggModel(StudyParser.VggModelContext ctx) {
        NumLit width = ctx.WIDTH() == null ? null : number(ctx.number());
        return new ModelSpec.Vgg19(ctx.BN() != null, width, span(ctx));
    }

    @Override
    public ModelSpec visitFileModel(StudyParser.FileModelContext ctx) {
        return new ModelSpec.File(string(ctx.STRING()), span(ctx));
    }

    @Override
    public ModelSpec visitKerasModel(StudyParser.KerasModelContext ctx) {
        return new ModelSpec.Keras(string(ctx.STRING()), span(ctx));
    }

    @Override
    public ModelSpec visitZooModel(StudyParser.ZooModelContext ctx) {
        return new ModelSpec.Zoo(word(ctx.zooName().start), word(ctx.weights), span(ctx));
    }

    @Override
    public Optimizer visitAdamOptimizer(StudyParser.AdamOptimizerContext ctx) {
        return new Optimizer(word(ctx.ADAM().getSymbol()), number(ctx.number()), null, span(ctx));
    }

    @Override
    public Optimizer visitSgdOptimizer(StudyParser.SgdOptimizerContext ctx) {
        NumLit momentum = ctx.MOMENTUM() == null ? null : number(ctx.number(1));
        return new Optimizer(word(ctx.SGD().getSymbol()), number(ctx.number(0)), momentum, span(ctx));
    }

    // ---- layers and units

    @Override
    public LayerTarget visitOneLayer(StudyParser.OneLayerContext ctx) {
        return new LayerTarget.One(layerRef(ctx.layerRef()), span(ctx));
    }

    @Override
    public LayerTarget visitLayerRange(StudyParser.LayerRangeContext ctx) {
        return new LayerTarget.Range(layerRef(ctx.layerRef(0)), layerRef(ctx.layerRef(1)), span(ctx));
    }

    @Override
    public LayerTarget visitLayerKind(StudyParser.LayerKindContext ctx) {
        return new LayerTarget.Kind(word(ctx.kind), span(ctx));
    }

    @Override
    public LayerTarget visitLayerList(StudyParser.LayerListContext ctx) {
        List<LayerRef> layers = new ArrayList<>();
        for (StudyParser.LayerRefContext ref : ctx.layerRef()) {
            layers.add(layerRef(ref));
        }
        return new LayerTarget.Many(layers, span(ctx));
    }

    @Override
    public LayerRef visitLayerRef(StudyParser.LayerRefContext ctx) {
        if (ctx.INT() != null) {
            return LayerRef.byIndex(integer(ctx.INT()));
        }
        if (ctx.STRING() != null) {
            return LayerRef.byName(unescape(ctx.STRING().getText()), span(ctx));
        }
        return LayerRef.byName(ctx.IDENT().getText(), span(ctx));
    }

    @Override
    public Selection visitListedUnits(StudyParser.ListedUnitsContext ctx) {
        List<IntLit> units = new ArrayList<>();
        for (TerminalNode unit : ctx.INT()) {
            units.add(integer(unit));
        }
        return new Selection.Listed(noun(ctx.noun()), units, span(ctx));
    }

    @Override
    public Selection visitRangeUnits(StudyParser.RangeUnitsContext ctx) {
        return new Selection.Range(noun(ctx.noun()), integer(ctx.INT(0)), integer(ctx.INT(1)), span(ctx));
    }

    @Override
    public Selection visitEachUnits(StudyParser.EachUnitsContext ctx) {
        return new Selection.Each(noun(ctx.noun()), span(ctx));
    }

    @Override
    public Selection visitPairUnits(StudyParser.PairUnitsContext ctx) {
        return new Selection.Pairs(noun(ctx.noun()), span(ctx));
    }

    @Override
    public Selection visitRandomUnits(StudyParser.RandomUnitsContext ctx) {
        IntLit repeat = ctx.REPEAT() == null ? null : integer(ctx.INT());
        return new Selection.Random(noun(ctx.noun()), percents(ctx.percentList()), repeat, span(ctx));
    }

    @Override
    public Selection visitRankedUnits(StudyParser.RankedUnitsContext ctx) {
        return new Selection.Ranked(noun(ctx.noun()), percents(ctx.percentList()), word(ctx.criterion), span(ctx));
    }

    /** {@code groups …}: the noun is the word {@code groups} itself, the one written. */
    @Override
    public Selection visitSimilarGroups(StudyParser.SimilarGroupsContext ctx) {
        IntLit sample = ctx.SAMPLE() == null ? null : integer(ctx.INT());
        return new Selection.Similar(word(ctx.GROUPS().getSymbol()), percents(ctx.percentList()), sample, span(ctx));
    }

    // ---- methods, durations, freezing

    @Override
    public Method visitZeroMethod(StudyParser.ZeroMethodContext ctx) {
        return new Method(word(ctx.ZERO().getSymbol()), null, span(ctx));
    }

    @Override
    public Method visitMaskMethod(StudyParser.MaskMethodContext ctx) {
        return new Method(word(ctx.MASK().getSymbol()), null, span(ctx));
    }

    @Override
    public Method visitMeanMethod(StudyParser.MeanMethodContext ctx) {
        return new Method(word(ctx.MEAN().getSymbol()), null, span(ctx));
    }

    @Override
    public Method visitNoiseMethod(StudyParser.NoiseMethodContext ctx) {
        return new Method(word(ctx.NOISE().getSymbol()), number(ctx.number()), span(ctx));
    }

    @Override
    public Duration visitFixedDuration(StudyParser.FixedDurationContext ctx) {
        return new Duration.Epochs(integer(ctx.INT()), span(ctx));
    }

    @Override
    public Duration visitPlateauDuration(StudyParser.PlateauDurationContext ctx) {
        PercentLit delta = ctx.PERCENT() == null ? null : percent(ctx.PERCENT().getSymbol());
        return new Duration.Plateau(optionalInteger(ctx.min), delta, optionalInteger(ctx.patience),
                optionalInteger(ctx.max), span(ctx));
    }

    @Override
    public Freeze visitFreezeAbove(StudyParser.FreezeAboveContext ctx) {
        return new Freeze(word(ctx.ABOVE().getSymbol()), null, null, span(ctx));
    }

    @Override
    public Freeze visitFreezeBelow(StudyParser.FreezeBelowContext ctx) {
        return new Freeze(word(ctx.BELOW().getSymbol()), null, null, span(ctx));
    }

    @Override
    public Freeze visitFreezeNone(StudyParser.FreezeNoneContext ctx) {
        return new Freeze(word(ctx.NONE().getSymbol()), null, null, span(ctx));
    }

    /** {@code freeze layers A..B}: the kind is the word {@code layers}. */
    @Override
    public Freeze visitFreezeLayers(StudyParser.FreezeLayersContext ctx) {
        return new Freeze(word(ctx.LAYERS().getSymbol()), layerRef(ctx.layerRef(0)), layerRef(ctx.layerRef(1)),
                span(ctx));
    }

    // ---- leaves

    private Optimizer optimizer(StudyParser.OptimizerContext ctx) {
        return ctx == null ? null : (Optimizer) visit(ctx);
    }

    private LayerRef layerRef(StudyParser.LayerRefContext ctx) {
        return visitLayerRef(ctx);
    }

    private Word noun(StudyParser.NounContext ctx) {
        return word(ctx.start);
    }

    private List<PercentLit> percents(StudyParser.PercentListContext ctx) {
        List<PercentLit> out = new ArrayList<>();
        for (TerminalNode p : ctx.PERCENT()) {
            out.add(percent(p.getSymbol()));
        }
        return out;
    }

    private Word word(Token token) {
        return new Word(token.getText().toLowerCase(Locale.ROOT), spans.of(token));
    }

    private StrLit string(TerminalNode node) {
        return new StrLit(unescape(node.getText()), spans.of(node.getSymbol()));
    }

    private IntLit integer(TerminalNode node) {
        return integer(node.getSymbol());
    }

    private IntLit optionalInteger(Token token) {
        return token == null ? null : integer(token);
    }

    private IntLit integer(Token token) {
        Span span = spans.of(token);
        try {
            return new IntLit(Long.parseLong(token.getText()), span);
        } catch (NumberFormatException e) {
            diagnostics.error(span, "the number '" + token.getText() + "' is too large",
                    "whole numbers go up to " + Long.MAX_VALUE);
            return new IntLit(Long.MAX_VALUE, span);
        }
    }

    private NumLit number(StudyParser.NumberContext ctx) {
        Token token = ctx.start;
        Span span = spans.of(token);
        double value = Double.parseDouble(token.getText());
        if (Double.isInfinite(value)) {
            diagnostics.error(span, "the number '" + token.getText() + "' is too large");
        }
        return new NumLit(value, token.getText(), span);
    }

    private PercentLit percent(Token token) {
        String text = token.getText();
        Span span = spans.of(token);
        double value = Double.parseDouble(text.substring(0, text.length() - 1));
        if (Double.isInfinite(value)) {
            diagnostics.error(span, "the percentage '" + text + "' is too large");
        }
        return new PercentLit(value, text, span);
    }

    private Span span(ParserRuleContext ctx) {
        return spans.of(ctx.start, ctx.stop);
    }

    /**
     * The text of a STRING token without its quotes. {@code \"} and {@code \\} stand for a quote
     * and a backslash; any other backslash is kept as written, so that {@code "C:\data"} means
     * what it says.
     */
    static String unescape(String quoted) {
        String body = quoted.substring(1, quoted.length() - 1);
        if (body.indexOf('\\') < 0) {
            return body;
        }
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length() && (body.charAt(i + 1) == '"' || body.charAt(i + 1) == '\\')) {
                c = body.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }
}
