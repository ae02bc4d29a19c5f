// The statements of the study language (see README.md, "The language"). Every alternative is
// labelled so that the AST builder has one visit method per form.
parser grammar StudyParser;

options { tokenVocab = StudyLexer; }

study
    : statement* EOF
    ;

statement
    : STUDY STRING SEMI                                             # titleStatement
    | SEED INT SEMI                                                 # seedStatement
    | DATA dataSource limitClause? SEMI                             # dataStatement
    | MODEL modelSpec SEMI                                          # modelStatement
    | WEIGHTS STRING SEMI                                           # weightsStatement
    | TRAIN INT EPOCHS (BATCH INT)? optimizer? SEMI                 # trainStatement
    | INSTANCES INT SEMI                                            # instancesStatement
    | EVALUATE SEMI                                                 # evaluateStatement
    | ABLATE layerTarget selection method? SEMI                     # ablateStatement
    | RECOVER duration (LR number)? (BATCH INT)? optimizer?
      freezeClause? REGROW? SEMI                                    # recoverStatement
    | RESTORE SEMI                                                  # restoreStatement
    | REPEAT INT LBRACE statement* RBRACE                           # repeatStatement
    | IMPORTANCE LAYER layerRef BY MANNWHITNEY SEMI                 # importanceStatement
    | REDUNDANCY LAYER layerRef SEMI                                # redundancyStatement
    | SELECTIVITY LAYER layerRef SEMI                               # selectivityStatement
    | EMBED TSNE SEMI                                               # embedStatement
    | REPORT STRING SEMI                                            # reportStatement
    ;

dataSource
    : MNIST                                                         # mnistData
    | FASHION                                                       # fashionData
    | IDX STRING                                                    # idxData
    ;

limitClause
    : LIMIT TRAIN train=INT (TEST test=INT)?
    | LIMIT TEST test=INT
    ;

modelSpec
    : MLP INT (MINUS INT)+ activation=IDENT? (BIAS | NOBIAS)?       # mlpModel
    | VGG19 BN? (WIDTH number)?                                     # vggModel
    | FILE STRING                                                   # fileModel
    | KERAS STRING                                                  # kerasModel
    | ZOO zooName weights=(IMAGENET | IDENT)                        # zooModel
    ;

zooName
    : VGG16 | VGG19 | RESNET50 | IDENT
    ;

optimizer
    : ADAM number                                                   # adamOptimizer
    | SGD number (MOMENTUM number)?                                 # sgdOptimizer
    ;

layerTarget
    : LAYER layerRef                                                # oneLayer
    | LAYERS layerRef DOTDOT layerRef                               # layerRange
    | LAYERS kind=(CONV | DENSE | ALL)                              # layerKind
    | LAYERS layerRef (COMMA layerRef)*                             # layerList
    ;

layerRef
    : INT
    | STRING
    | IDENT
    ;

selection
    : noun INT (COMMA INT)*                                         # listedUnits
    | noun INT DOTDOT INT                                           # rangeUnits
    | noun EACH                                                     # eachUnits
    | noun PAIRS                                                    # pairUnits
    | noun percentList RANDOM (REPEAT INT)?                         # randomUnits
    | noun percentList BY criterion=(MAGNITUDE | MANNWHITNEY)       # rankedUnits
    | GROUPS percentList BY SIMILARITY (SAMPLE INT)?                # similarGroups
    ;

noun
    : UNITS
    | FILTERS
    ;

percentList
    : PERCENT (COMMA PERCENT)*
    ;

method
    : USING ZERO                                                    # zeroMethod
    | USING MASK                                                    # maskMethod
    | USING MEAN                                                    # meanMethod
    | USING NOISE number                                            # noiseMethod
    ;

duration
    : INT EPOCHS                                                    # fixedDuration
    | UNTIL PLATEAU (MIN min=INT EPOCHS)? (DELTA PERCENT)?
      (PATIENCE patience=INT)? (MAX max=INT EPOCHS)?                # plateauDuration
    ;

freezeClause
    : FREEZE ABOVE                                                  # freezeAbove
    | FREEZE BELOW                                                  # freezeBelow
    | FREEZE NONE                                                   # freezeNone
    | FREEZE LAYERS layerRef DOTDOT layerRef                        # freezeLayers
    ;

number
    : INT
    | FLOAT
    ;
