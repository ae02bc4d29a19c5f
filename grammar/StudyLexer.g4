// The words of the study language. Keywords are case-insensitive; every keyword is a named
// token so that the REPL's completion and highlighting read them from this vocabulary.
lexer grammar StudyLexer;

options { caseInsensitive = true; }

// statements
STUDY       : 'study';
SEED        : 'seed';
DATA        : 'data';
MODEL       : 'model';
WEIGHTS     : 'weights';
TRAIN       : 'train';
INSTANCES   : 'instances';
EVALUATE    : 'evaluate';
ABLATE      : 'ablate';
RECOVER     : 'recover';
RESTORE     : 'restore';
REPEAT      : 'repeat';
IMPORTANCE  : 'importance';
REDUNDANCY  : 'redundancy';
SELECTIVITY : 'selectivity';
EMBED       : 'embed';
REPORT      : 'report';

// data
MNIST       : 'mnist';
FASHION     : 'fashion';
IDX         : 'idx';
LIMIT       : 'limit';
TEST        : 'test';

// models
MLP         : 'mlp';
VGG19       : 'vgg19';
VGG16       : 'vgg16';
RESNET50    : 'resnet50';
BN          : 'bn';
WIDTH       : 'width';
FILE        : 'file';
KERAS       : 'keras';
ZOO         : 'zoo';
IMAGENET    : 'imagenet';
BIAS        : 'bias';
NOBIAS      : 'nobias';

// training
EPOCHS      : 'epochs' | 'epoch';
BATCH       : 'batch';
ADAM        : 'adam';
SGD         : 'sgd';
MOMENTUM    : 'momentum';
LR          : 'lr';

// layers and units
LAYER       : 'layer';
LAYERS      : 'layers';
CONV        : 'conv';
DENSE       : 'dense';
ALL         : 'all';
UNITS       : 'units';
FILTERS     : 'filters';
GROUPS      : 'groups';
EACH        : 'each';
PAIRS       : 'pairs';
RANDOM      : 'random';
BY          : 'by';
SIMILARITY  : 'similarity';
SAMPLE      : 'sample';
MAGNITUDE   : 'magnitude';
MANNWHITNEY : 'mannwhitney';

// methods
USING       : 'using';
ZERO        : 'zero';
MASK        : 'mask';
MEAN        : 'mean';
NOISE       : 'noise';

// recovery
UNTIL       : 'until';
PLATEAU     : 'plateau';
MIN         : 'min';
MAX         : 'max';
DELTA       : 'delta';
PATIENCE    : 'patience';
FREEZE      : 'freeze';
ABOVE       : 'above';
BELOW       : 'below';
NONE        : 'none';
REGROW      : 'regrow';

// analyses
TSNE        : 'tsne';

// literals
PERCENT     : DIGITS ('.' DIGITS)? '%';
FLOAT       : DIGITS '.' DIGITS EXPONENT? | DIGITS EXPONENT | '.' DIGITS EXPONENT?;
INT         : DIGITS;
STRING      : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"';
UNTERMINATED_STRING : '"' (~["\\\r\n] | '\\' ~[\r\n])*;
// Dots join the parts of a name (features.33) but never two in a row, so that a range of named
// layers, conv1..conv5, is three tokens and not one name.
IDENT       : [a-z_] [a-z0-9_]* ('.' [a-z0-9_]+)*;

// punctuation
SEMI        : ';';
COMMA       : ',';
DOTDOT      : '..';
MINUS       : '-';
LBRACE      : '{';
RBRACE      : '}';

COMMENT     : '#' ~[\r\n]* -> channel(HIDDEN);
WS          : [ \t\r\n\u000C]+ -> channel(HIDDEN);

// Anything else is one bad character, so that the parser reports it at its place.
BAD_CHAR    : .;

fragment DIGITS   : [0-9]+;
fragment EXPONENT : 'e' [+-]? DIGITS;
