/* parser.y — the mubiao grammar. Builds the tree (ast.h) in the parse's arena and resolves
 * nothing; names, units and directions are the checker's job. Recovery is per statement:
 * after a syntax error the parser skips to the next ';' (or '}' in a plan) and goes on. */
%require "3.6"
%define api.pure full
%define api.prefix {mb_yy}
%locations
%define api.location.type {mb_loc}
%define parse.error detailed
%define parse.lac full
%expect 0
%param {yyscan_t scanner}
%parse-param {mb_pstate *st}

%code requires {
#include "parse_state.h"
#ifndef YY_TYPEDEF_YY_SCANNER_T
#define YY_TYPEDEF_YY_SCANNER_T
typedef void *yyscan_t;
#endif
#define YYLLOC_DEFAULT(Cur, Rhs, N) do { \
    if (N) { (Cur).start = YYRHSLOC(Rhs, 1).start; (Cur).end = YYRHSLOC(Rhs, N).end; } \
    else { (Cur).start = (Cur).end = YYRHSLOC(Rhs, 0).end; } } while (0)
}

%code provides {
/* Prefixed (api.prefix): the library exports no yy* symbol that could clash with another
 * scanner or parser linked into the same program. */
int mb_yylex(MB_YYSTYPE *yylval, MB_YYLTYPE *yylloc, yyscan_t scanner);
void mb_yyerror(MB_YYLTYPE *loc, yyscan_t scanner, mb_pstate *st, const char *msg);
}

%code {
#include <string.h>
#include "parse_build.h"
/* Arena allocation that fails the parse cleanly ("out of memory") instead of crashing. */
#define NEW(T) ({ T *p_ = mb_arena_alloc(st->arena, sizeof(T)); if (!p_) { st->oom = 1; YYNOMEM; } p_; })
#define CHECKED(e) do { if (!(e)) { st->oom = 1; YYNOMEM; } } while (0)
#define YYMAXDEPTH 2000
/* A clause from token a to token b, given at most once: first is the span of the one before. */
#define CLAUSE(a, b) ((mb_loc){(a).start, (b).end})
#define ONCE(a, b, first, what, hint) mb_pb_once(st, CLAUSE(a, b), (first), (what), (hint))
#define LIST_SPAN(l) ((l).n ? (l).v[0].span : (mb_aspan){0})
#define LIST_HINT(kw) " (list them in one clause: " kw " \"A\", \"B\")"
/* A target's form values and clauses, made on first use (parse_build.c). */
#define ARGS(t) ({ mb_ast_targs *a_ = mb_pb_args(st, (t)); CHECKED(a_); a_; })
#define CL(t) ({ mb_ast_tclauses *k_ = mb_pb_clauses(st, (t)); CHECKED(k_); k_; })
}

%union {
    mb_str str;
    mb_strlist strs;
    mb_quantity q;
    mb_year year;
    struct { mb_year *v; size_t n; } years;
    struct { mb_goal *v; size_t n; } goals;
    mb_num num;
    mb_cmp cmp;
    int flag;
    mb_expr *expr;
    mb_ast_plan *plan;
    mb_ast_indicator *ind;
    mb_ast_target *tgt;
    mb_ast_check *chk;
    mb_ast_test *test;
    mb_ast_expect *exp;
    struct { mb_str s; int is_name; } ref;
    struct { mb_str id, label; } head;
}

%token END 0 "end of file"
%token NUMBER "number" IDENT "identifier" STRING "string" DATE "date" PERIOD "quarter or month"
%token GE "'>='" LE "'<='" DOTDOT "'..'" PLUSMINUS "'±'"
%token LEXERROR "invalid token"
%token KW_IMPORT "'import'" KW_PLAN "'plan'" KW_NAME "'name'" KW_NUMBER "'number'"
%token KW_ISSUER "'issuer'" KW_DATE "'date'" KW_REGION "'region'" KW_BASE "'base'"
%token KW_DEADLINE "'deadline'" KW_INDICATOR "'indicator'" KW_UNIT "'unit'" KW_HIGHER "'higher'"
%token KW_LOWER "'lower'" KW_CATEGORY "'category'" KW_OWNER "'owner'" KW_SOURCE "'source'"
%token KW_PART "'part'" KW_OF "'of'" KW_INTEGER "'integer'" KW_TARGET "'target'" KW_PHRASE "'phrase'"
%token KW_NOTE "'note'" KW_BY "'by'" KW_EACH "'each'" KW_YEAR "'year'" KW_TOTAL "'total'"
%token KW_TWO_SIDED "'two-sided'"
%token KW_ABOUT "'about'" KW_WITHIN "'within'" KW_BETWEEN "'between'" KW_AND "'and'"
%token KW_STRETCH "'stretch'" KW_CUT "'cut'" KW_GROW "'grow'" KW_FROM "'from'" KW_TO "'to'"
%token KW_ANNUAL "'annual'" KW_GROWTH "'growth'" KW_RISES "'rises'" KW_FALLS "'falls'"
%token KW_EVERY "'every'" KW_QUALITATIVE "'qualitative'" KW_CHECK "'check'"
%token KW_BINDING "'binding'" KW_EXPECTED "'expected'" KW_ASPIRATION "'aspiration'"
%token KW_LAST "'last'" KW_RATE "'rate'"
%token KW_TEST "'test'" KW_AS_OF "'as-of'" KW_DATA "'data'" KW_ROW "'row'" KW_EXPECT "'expect'"
%token KW_ACTUAL "'actual'" KW_FLOW "'flow'" KW_STOCK "'stock'"

%type <str> ident string opt_label unit unit_words
%type <strs> strlist
%type <q> quantity
%type <num> number
%type <year> year by_opt due
%type <years> yearlist
%type <goals> goals
%type <cmp> cmpop
%type <flag> sides_opt growth_kw
%type <expr> expr
%type <plan> plan_props
%type <ind> ind_clauses
%type <tgt> body tclauses
%type <head> target_head
%type <chk> check_body
%type <ref> subject period
%type <test> test_items
%type <exp> expect_vals
%type <str> status

%left '+' '-'
%left '*' '/'
%precedence NEG

%%

file
    : %empty
    | file stmt
    ;

stmt
    : KW_IMPORT string ';'         { CHECKED(mb_pb_stmt(st, MB_ST_IMPORT, &$2)); }
    | plan
    | indicator
    | target
    | check
    | test
    | error ';'                    { yyerrok; }
    | error '}'                    { yyerrok; }
    ;

/* ---- plan ---------------------------------------------------------------------------- */

plan
    : KW_PLAN ident '{' plan_props '}' {
          $4->id = $2; $4->span = mb_pstate_aspan(st, @$);
          CHECKED(mb_pb_stmt(st, MB_ST_PLAN, $4));
      }
    ;

plan_props
    : %empty                       { $$ = NEW(mb_ast_plan); }
    | plan_props KW_NAME string    { $$ = $1; if (ONCE(@2, @3, $$->name.span, "name", "")) $$->name = $3; }
    | plan_props KW_NUMBER string  { $$ = $1; if (ONCE(@2, @3, $$->number.span, "number", "")) $$->number = $3; }
    | plan_props KW_ISSUER string  { $$ = $1; if (ONCE(@2, @3, $$->issuer.span, "issuer", "")) $$->issuer = $3; }
    | plan_props KW_DATE DATE      {
          $$ = $1; mb_str d;
          CHECKED(mb_pb_date(st, @3, &d));
          if (ONCE(@2, @3, $$->date.span, "date", "")) $$->date = d;
      }
    | plan_props KW_REGION strlist {
          $$ = $1; if (ONCE(@2, @3, LIST_SPAN($$->regions), "region", LIST_HINT("region"))) $$->regions = $3;
      }
    | plan_props KW_BASE year      { $$ = $1; if (ONCE(@2, @3, $$->base.span, "base", "")) $$->base = $3; }
    | plan_props KW_DEADLINE yearlist {
          $$ = $1;
          if (ONCE(@2, @3, $$->ndeadlines ? $$->deadlines[0].span : (mb_aspan){0}, "deadline",
                   " (list them in one clause: deadline 2018, 2019)")) {
              $$->deadlines = $3.v; $$->ndeadlines = $3.n;
          }
      }
    ;

yearlist
    : year                         { $$.v = NEW(mb_year); $$.v[0] = $1; $$.n = 1; }
    | yearlist ',' year            {
          $$.v = mb_arena_push(st->arena, $1.v, $1.n, sizeof(mb_year));
          CHECKED($$.v); $$.v[$1.n] = $3; $$.n = $1.n + 1;
      }
    ;

/* ---- indicator ----------------------------------------------------------------------- */

indicator
    : KW_INDICATOR ident opt_label ind_clauses ';' {
          $4->id = $2; $4->name = $3; $4->span = mb_pstate_aspan(st, @$);
          CHECKED(mb_pb_stmt(st, MB_ST_INDICATOR, $4));
      }
    ;

ind_clauses
    : %empty                       { $$ = NEW(mb_ast_indicator); }
    | ind_clauses KW_UNIT unit     {
          $$ = $1;
          if (ONCE(@2, @3, $$->unit.span, "unit", "")) {
              $$->unit = $3; $$->has_unit = 1; $$->unit_quoted = st->nt.data[@3.start] == '"';
          }
      }
    | ind_clauses KW_HIGHER        { $$ = $1; mb_pb_direction(st, @2, $$, 1); }
    | ind_clauses KW_FLOW          { $$ = $1; mb_pb_flow(st, @2, $$, 1); }
    | ind_clauses KW_STOCK         { $$ = $1; mb_pb_flow(st, @2, $$, -1); }
    | ind_clauses KW_LOWER         { $$ = $1; mb_pb_direction(st, @2, $$, -1); }
    | ind_clauses KW_CATEGORY string {
          $$ = $1; if (ONCE(@2, @3, $$->category.span, "category", "")) $$->category = $3;
      }
    | ind_clauses KW_OWNER strlist {
          $$ = $1; if (ONCE(@2, @3, LIST_SPAN($$->owners), "owner", LIST_HINT("owner"))) $$->owners = $3;
      }
    | ind_clauses KW_SOURCE string { $$ = $1; if (ONCE(@2, @3, $$->source.span, "source", "")) $$->source = $3; }
    | ind_clauses KW_INTEGER       {
          $$ = $1;
          if (ONCE(@2, @2, $$->integer_span, "integer", "")) {
              $$->integer = 1; $$->integer_span = mb_pstate_aspan(st, @2);
          }
      }
    | ind_clauses KW_PART KW_OF ident {
          $$ = $1; if (ONCE(@2, @4, $$->part_of.span, "part of", "")) $$->part_of = $4;
      }
    | ind_clauses '=' expr         {
          $$ = $1;
          if (ONCE(@2, @3, $$->derived ? $$->derived->span : (mb_aspan){0}, "=",
                   " (an indicator has one formula)")) $$->derived = $3;
      }
    ;

unit
    : '%'                          { CHECKED(mb_pb_str(st, @1, 0, &$$)); }
    | unit_words
    | string
    | NUMBER                       { CHECKED(mb_pb_str(st, @1, 0, &$$)); }
    ;

unit_words
    : IDENT                        { CHECKED(mb_pb_str(st, @1, 0, &$$)); }
    | unit_words '/' IDENT         { CHECKED(mb_pb_unit_join(st, &$1, @3, &$$)); }
    ;

expr
    : NUMBER                       { $$ = NEW(mb_expr); $$->kind = MB_EX_NUM; $$->span = mb_pstate_aspan(st, @$);
                                     CHECKED(mb_pb_number(st, @1, 0, &$$->num)); }
    | ident                        { $$ = NEW(mb_expr); $$->kind = MB_EX_REF; $$->ref = $1; $$->span = $1.span; }
    | string                       { $$ = NEW(mb_expr); $$->kind = MB_EX_REF; $$->ref = $1; $$->ref_is_name = 1; $$->span = $1.span; }
    | '(' expr ')'                 { $$ = $2; }
    | expr '+' expr                { CHECKED($$ = mb_pb_binop(st, MB_EX_ADD, $1, $3, @$)); }
    | expr '-' expr                { CHECKED($$ = mb_pb_binop(st, MB_EX_SUB, $1, $3, @$)); }
    | expr '*' expr                { CHECKED($$ = mb_pb_binop(st, MB_EX_MUL, $1, $3, @$)); }
    | expr '/' expr                { mb_pb_divisor(st, $3, @3); CHECKED($$ = mb_pb_binop(st, MB_EX_DIV, $1, $3, @$)); }
    | '-' expr %prec NEG           { CHECKED($$ = mb_pb_binop(st, MB_EX_NEG, $2, NULL, @$)); }
    ;

/* ---- target -------------------------------------------------------------------------- */

target
    : target_head ':' tclauses ';' {
          mb_ast_target *t = $3;
          t->id = $1.id; t->label = $1.label; t->span = mb_pstate_aspan(st, @$);
          CHECKED(mb_pb_stmt(st, MB_ST_TARGET, t));
      }
    ;

target_head
    : KW_TARGET ident opt_label    { $$.id = $2; $$.label = $3; }
    ;

/* The body fills a fresh target; the clauses after it add to the same node. */
tclauses
    : body                         { $$ = $1; }
    | tclauses KW_PHRASE strlist   {
          $$ = $1;
          if (ONCE(@2, @3, $$->cl->phrase.span, "phrase", LIST_HINT("phrase"))) {
              mb_ast_tclauses *k = CL($$); k->phrases = $3; k->phrase = $3.v[0];
          }
      }
    | tclauses KW_BINDING          { $$ = $1; mb_pb_binding(st, @2, CL($$), 1); }
    | tclauses KW_EXPECTED         { $$ = $1; mb_pb_binding(st, @2, CL($$), -1); }
    | tclauses KW_ASPIRATION       {
          $$ = $1;
          if (ONCE(@2, @2, $$->cl->aspiration_span, "aspiration", "")) {
              mb_ast_tclauses *k = CL($$); k->aspiration = 1; k->aspiration_span = mb_pstate_aspan(st, @2);
          }
      }
    | tclauses KW_CATEGORY string  {
          $$ = $1; if (ONCE(@2, @3, $$->cl->category.span, "category", "")) CL($$)->category = $3;
      }
    | tclauses KW_OWNER strlist    {
          $$ = $1; if (ONCE(@2, @3, LIST_SPAN($$->cl->owners), "owner", LIST_HINT("owner"))) CL($$)->owners = $3;
      }
    | tclauses KW_SOURCE string    { $$ = $1; if (ONCE(@2, @3, $$->cl->source.span, "source", "")) CL($$)->source = $3; }
    | tclauses KW_NOTE string      { $$ = $1; if (ONCE(@2, @3, $$->cl->note.span, "note", "")) CL($$)->note = $3; }
    | tclauses KW_REGION strlist   {
          $$ = $1; if (ONCE(@2, @3, LIST_SPAN($$->cl->regions), "region", LIST_HINT("region"))) CL($$)->regions = $3;
      }
    | tclauses KW_FROM year        { $$ = $1; if (ONCE(@2, @3, $$->cl->from.span, "from", "")) CL($$)->from = $3; }
    /* the base-year value the plan prints (基期值 2020年 56.7): used when the data lacks it */
    | tclauses KW_BASE year '=' quantity {
          $$ = $1;
          if (ONCE(@2, @5, $$->cl->pbase_span, "base", "")) {
              mb_ast_tclauses *k = CL($$); k->pbase_year = $3; k->pbase = $5; k->pbase_span = mb_pstate_aspan(st, CLAUSE(@2, @5));
          }
      }
    ;

body
    : subject cmpop goals {
          $$ = mb_pb_target(st, MB_FORM_COMPARE, &$1); CHECKED($$);
          $$->cmp = $2; $$->goals = $3.v; $$->ngoals = $3.n;
      }
    | subject cmpop quantity KW_STRETCH quantity by_opt {
          $$ = mb_pb_target(st, MB_FORM_RANGE, &$1); CHECKED($$);
          $$->cmp = $2; ARGS($$)->a = $3; ARGS($$)->b = $5; $$->by = $6;
          if ($2 != MB_CMP_GE) mb_pstate_error(st, MB_D_STRETCH_NEEDS_GE, @2, "'stretch' goes with '>=': the lower value is required, the higher is the stretch");
      }
    | subject cmpop quantity KW_EACH KW_YEAR year DOTDOT year {
          $$ = mb_pb_target(st, MB_FORM_EACH_YEAR, &$1); CHECKED($$);
          $$->cmp = $2; ARGS($$)->a = $3; ARGS($$)->y1 = $6; ARGS($$)->y2 = $8;
      }
    | subject cmpop quantity KW_TOTAL year DOTDOT year {
          $$ = mb_pb_target(st, MB_FORM_CUMULATIVE, &$1); CHECKED($$);
          $$->cmp = $2; ARGS($$)->a = $3; ARGS($$)->y1 = $5; ARGS($$)->y2 = $7;
      }
    | subject cmpop number '*' KW_BASE year by_opt {
          $$ = mb_pb_target(st, MB_FORM_RELATIVE, &$1); CHECKED($$);
          $$->cmp = $2; ARGS($$)->a.value = $3; ARGS($$)->a.span = mb_pstate_aspan(st, @3); ARGS($$)->y1 = $6;
          $$->by = $7;
      }
    | subject cmpop KW_REGION string by_opt {
          $$ = mb_pb_target(st, MB_FORM_ABOVE_REGION, &$1); CHECKED($$);
          $$->cmp = $2; ARGS($$)->region = $4; $$->by = $5;
      }
    | subject cmpop number '*' KW_REGION string by_opt {
          $$ = mb_pb_target(st, MB_FORM_SHARE_REGION, &$1); CHECKED($$);
          $$->cmp = $2; ARGS($$)->a.value = $3; ARGS($$)->a.span = mb_pstate_aspan(st, @3);
          ARGS($$)->region = $6; $$->by = $7;
      }
    | subject KW_ABOUT quantity KW_WITHIN quantity sides_opt by_opt {
          $$ = mb_pb_target(st, MB_FORM_ABOUT, &$1); CHECKED($$);
          ARGS($$)->a = $3; ARGS($$)->b = $5; ARGS($$)->tol_relative = 1; ARGS($$)->two_sided = $6; $$->by = $7;
      }
    | subject KW_ABOUT quantity PLUSMINUS quantity sides_opt by_opt {
          $$ = mb_pb_target(st, MB_FORM_ABOUT, &$1); CHECKED($$);
          ARGS($$)->a = $3; ARGS($$)->b = $5; ARGS($$)->two_sided = $6; $$->by = $7;
      }
    | subject KW_BETWEEN quantity KW_AND quantity by_opt {
          $$ = mb_pb_target(st, MB_FORM_INTERVAL, &$1); CHECKED($$);
          ARGS($$)->a = $3; ARGS($$)->b = $5; $$->by = $6;
      }
    | subject KW_CUT quantity KW_FROM year by_opt {
          $$ = mb_pb_target(st, MB_FORM_CUT, &$1); CHECKED($$);
          ARGS($$)->a = $3; ARGS($$)->y1 = $5; $$->by = $6;
      }
    | subject KW_GROW quantity KW_FROM year by_opt {
          $$ = mb_pb_target(st, MB_FORM_GROW, &$1); CHECKED($$);
          ARGS($$)->a = $3; ARGS($$)->y1 = $5; $$->by = $6;
      }
    | subject KW_ANNUAL KW_GROWTH cmpop quantity KW_FROM year by_opt {
          $$ = mb_pb_target(st, MB_FORM_ANNUAL_GROWTH, &$1); CHECKED($$);
          $$->cmp = $4; ARGS($$)->a = $5; ARGS($$)->y1 = $7; $$->by = $8;
      }
    | subject KW_RISES KW_EVERY KW_YEAR year DOTDOT year {
          $$ = mb_pb_target(st, MB_FORM_RISES, &$1); CHECKED($$);
          ARGS($$)->y1 = $5; ARGS($$)->y2 = $7;
      }
    | subject KW_FALLS KW_EVERY KW_YEAR year DOTDOT year {
          $$ = mb_pb_target(st, MB_FORM_FALLS, &$1); CHECKED($$);
          ARGS($$)->y1 = $5; ARGS($$)->y2 = $7;
      }
    /* growth over the previous year (增长6%左右, 增长7%以上), from the levels of two years or,
       after 'growth rate', from the rate the submission reports as S; 不低于上年: '>= last year' */
    | subject growth_kw cmpop goals {
          $$ = mb_pb_target(st, MB_FORM_YOY, &$1); CHECKED($$);
          $$->cmp = $3; $$->goals = $4.v; $$->ngoals = $4.n;
          if ($2) ARGS($$)->rate = 1;
      }
    | subject growth_kw cmpop quantity KW_EACH KW_YEAR year DOTDOT year {
          $$ = mb_pb_target(st, MB_FORM_YOY, &$1); CHECKED($$);
          $$->cmp = $3; ARGS($$)->a = $4; ARGS($$)->y1 = $7; ARGS($$)->y2 = $9; ARGS($$)->rate = $2;
      }
    | subject growth_kw KW_ABOUT quantity KW_WITHIN quantity sides_opt by_opt {
          $$ = mb_pb_target(st, MB_FORM_YOY, &$1); CHECKED($$);
          ARGS($$)->a = $4; ARGS($$)->b = $6; ARGS($$)->tol_relative = 1; ARGS($$)->two_sided = $7; $$->by = $8;
          ARGS($$)->rate = $2;
      }
    | subject growth_kw KW_ABOUT quantity PLUSMINUS quantity sides_opt by_opt {
          $$ = mb_pb_target(st, MB_FORM_YOY, &$1); CHECKED($$);
          ARGS($$)->a = $4; ARGS($$)->b = $6; ARGS($$)->two_sided = $7; $$->by = $8; ARGS($$)->rate = $2;
      }
    | subject cmpop KW_LAST KW_YEAR by_opt {
          $$ = mb_pb_target(st, MB_FORM_YOY, &$1); CHECKED($$);
          $$->cmp = $2; $$->goals = NEW(mb_goal); $$->goals[0].by = $5; $$->ngoals = 1;
      }
    | subject cmpop KW_LAST KW_YEAR KW_EACH KW_YEAR year DOTDOT year {
          $$ = mb_pb_target(st, MB_FORM_YOY, &$1); CHECKED($$);
          $$->cmp = $2; ARGS($$)->y1 = $7; ARGS($$)->y2 = $9;
      }
    | subject KW_QUALITATIVE       { $$ = mb_pb_target(st, MB_FORM_QUALITATIVE, &$1); CHECKED($$); }
    | KW_QUALITATIVE               { $$ = mb_pb_target(st, MB_FORM_QUALITATIVE, NULL); CHECKED($$); }
    ;

goals
    : quantity by_opt              {
          $$.v = NEW(mb_goal); $$.v[0].q = $1; $$.v[0].by = $2; $$.n = 1;
      }
    | goals ',' quantity by_opt    {
          $$.v = mb_arena_push(st->arena, $1.v, $1.n, sizeof(mb_goal));
          CHECKED($$.v); $$.v[$1.n].q = $3; $$.v[$1.n].by = $4; $$.n = $1.n + 1;
      }
    ;

/* 'growth rate': the submission reports the growth rate itself (S is that rate, in %) */
growth_kw
    : KW_GROWTH                    { $$ = 0; }
    | KW_GROWTH KW_RATE            { $$ = 1; }
    ;

/* 'two-sided': the band bounds the value on both sides, whatever the indicator's direction */
sides_opt
    : %empty                       { $$ = 0; }
    | KW_TWO_SIDED                 { $$ = 1; }
    ;

by_opt
    : %empty                       { $$ = (mb_year){0}; }
    | KW_BY due                    { $$ = $2; }
    ;

/* A deadline: a year, or a quarter or month of one (2025Q1, 2025-03) */
due
    : year
    | PERIOD                       { CHECKED(mb_pb_period(st, @1, &$$)); }
    ;

subject
    : ident                        { $$.s = $1; $$.is_name = 0; }
    | string                       { $$.s = $1; $$.is_name = 1; }
    ;

cmpop
    : GE                           { $$ = MB_CMP_GE; }
    | '>'                          { $$ = MB_CMP_GT; }
    | LE                           { $$ = MB_CMP_LE; }
    | '<'                          { $$ = MB_CMP_LT; }
    | '='                          { $$ = MB_CMP_EQ; }
    ;

/* ---- check --------------------------------------------------------------------------- */

check
    : KW_CHECK ident opt_label ':' check_body ';' {
          $5->id = $2; $5->label = $3; $5->span = mb_pstate_aspan(st, @$);
          CHECKED(mb_pb_stmt(st, MB_ST_CHECK, $5));
      }
    ;

check_body
    : subject cmpop quantity       {
          $$ = NEW(mb_ast_check); $$->subject = $1.s; $$->subject_is_name = $1.is_name;
          $$->kind = MB_CHECK_CMP; $$->cmp = $2; $$->a = $3;
      }
    | subject cmpop subject        {
          $$ = NEW(mb_ast_check); $$->subject = $1.s; $$->subject_is_name = $1.is_name;
          $$->kind = MB_CHECK_CMP; $$->cmp = $2; $$->other = $3.s; $$->other_is_name = $3.is_name;
      }
    | subject KW_BETWEEN quantity KW_AND quantity {
          $$ = NEW(mb_ast_check); $$->subject = $1.s; $$->subject_is_name = $1.is_name;
          $$->kind = MB_CHECK_BETWEEN; $$->a = $3; $$->b = $5;
      }
    | subject KW_INTEGER           {
          $$ = NEW(mb_ast_check); $$->subject = $1.s; $$->subject_is_name = $1.is_name;
          $$->kind = MB_CHECK_INTEGER;
      }
    ;

/* ---- test (a test of rules: docs/testing.md) ----------------------------------------- */

test
    : KW_TEST string '{' test_items '}' {
          $4->name = $2; $4->span = mb_pstate_aspan(st, @$);
          CHECKED(mb_pb_stmt(st, MB_ST_TEST, $4));
      }
    ;

test_items
    : %empty                       { $$ = NEW(mb_ast_test); }
    | test_items KW_AS_OF period   {
          $$ = $1;
          if (ONCE(@2, @3, $$->as_of.span, "as-of", "")) { $$->as_of = $3.s; $$->as_of_quoted = $3.is_name; }
      }
    | test_items KW_DATA strlist   {
          $$ = $1; if (ONCE(@2, @3, LIST_SPAN($$->data), "data", LIST_HINT("data"))) $$->data = $3;
      }
    | test_items KW_ROW string subject period quantity {
          $$ = $1;
          if (mb_pb_test_room(st, @2, $$)) {
              mb_ast_trow *r = mb_arena_push(st->arena, $$->rows, $$->nrows, sizeof *r);
              CHECKED(r);
              $$->rows = r; r += $$->nrows++;
              r->region = $3; r->indicator = $4.s; r->indicator_is_name = $4.is_name;
              r->period = $5.s; r->period_quoted = $5.is_name; r->value = $6;
              r->span = mb_pstate_aspan(st, (mb_loc){@2.start, @6.end});
          }
      }
    | test_items KW_EXPECT ident string by_opt status expect_vals {
          $$ = $1;
          if (mb_pb_test_room(st, @2, $$)) {
              mb_ast_expect *x = mb_arena_push(st->arena, $$->expects, $$->nexpects, sizeof *x);
              CHECKED(x);
              $$->expects = x; x += $$->nexpects++;
              *x = *$7; x->rule = $3; x->region = $4; x->by = $5; x->status = $6;
              x->span = mb_pstate_aspan(st, (mb_loc){@2.start, @7.end});
          }
      }
    ;

/* A period: a year, or a quarter or month as a string ("2018Q3", "2018-09"). */
period
    : NUMBER                       { CHECKED(mb_pb_str(st, @1, 0, &$$.s)); $$.is_name = 0; }
    | string                       { $$.s = $1; $$.is_name = 1; }
    ;

/* A status as eval names it: met, missed, on-track, no-data, … */
status
    : IDENT                        { CHECKED(mb_pb_str(st, @1, 0, &$$)); }
    | status '-' IDENT             { CHECKED(mb_pb_str(st, @$, 0, &$$)); }
    | status '-' KW_DATA           { CHECKED(mb_pb_str(st, @$, 0, &$$)); }
    ;

expect_vals
    : %empty                       { $$ = NEW(mb_ast_expect); }
    | expect_vals KW_ACTUAL quantity {
          $$ = $1; if (ONCE(@2, @3, $$->actual.span, "actual", "")) $$->actual = $3;
      }
    | expect_vals KW_TARGET quantity {
          $$ = $1; if (ONCE(@2, @3, $$->target.span, "target", "")) $$->target = $3;
      }
    ;

/* ---- pieces -------------------------------------------------------------------------- */

quantity
    : number                       { $$ = (mb_quantity){0}; $$.value = $1; $$.span = mb_pstate_aspan(st, @$); }
    | number '%'                   { $$ = (mb_quantity){0}; $$.value = $1; $$.has_unit = 1;
                                     CHECKED(mb_pb_str(st, @2, 0, &$$.unit)); $$.span = mb_pstate_aspan(st, @$); }
    | number unit_words            { $$ = (mb_quantity){0}; $$.value = $1; $$.has_unit = 1;
                                     $$.unit = $2; $$.span = mb_pstate_aspan(st, @$); }
    ;

number
    : NUMBER                       { CHECKED(mb_pb_number(st, @1, 0, &$$)); }
    | '-' NUMBER                   { CHECKED(mb_pb_number(st, @2, 1, &$$)); }
    ;

year
    : NUMBER                       { CHECKED(mb_pb_year(st, @1, &$$)); }
    ;

strlist
    : string                       { $$.v = NEW(mb_str); $$.v[0] = $1; $$.n = 1; }
    | strlist ',' string           {
          $$.v = mb_arena_push(st->arena, $1.v, $1.n, sizeof(mb_str));
          CHECKED($$.v); $$.v[$1.n] = $3; $$.n = $1.n + 1;
      }
    ;

opt_label
    : %empty                       { $$ = (mb_str){0}; }
    | string
    ;

ident
    : IDENT                        { CHECKED(mb_pb_str(st, @1, 0, &$$)); }
    ;

string
    : STRING                       { CHECKED(mb_pb_str(st, @1, 1, &$$)); }
    ;

%%
