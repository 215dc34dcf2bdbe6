/* cmd_eval.c — placeholder until the evaluator lands. */
#include "cli.h"
int mb_cmd_eval(int argc, char **argv) { (void)argc; (void)argv; return mb_cli_usage_error("eval", "not available yet"); }
int mb_cmd_explain(int argc, char **argv) { (void)argc; (void)argv; return mb_cli_usage_error("explain", "not available yet"); }
