/* cmd_merge.c — mubiao merge: the reports of `eval --shard K/N`, K = 1..N, back into the
 * report of one run. The shards did the reading (parsing, checking each row, placing it);
 * merge rebuilds the store from their parts and evaluates and reports as eval does, so the
 * report is the unsharded one byte for byte (docs/scale.md). */
#include "cli.h"

static const char USAGE[] =
    "usage: mubiao merge RULES... SHARD.json... [options]\n"
    "\n"
    "Put the reports of 'mubiao eval RULES... --data ... --shard K/N --format json', one for\n"
    "each K from 1 to N, back into the report of the one run they split: the same report,\n"
    "byte for byte, as eval without --shard writes, in any format. The rule files must be the\n"
    "shards' own; operands ending in .json are the shards' reports, in any order. A shard\n"
    "that is missing, given twice, or of other rules or another run is refused.\n"
    "\n"
    "Options: eval's (see 'mubiao eval --help'), except --data, --shard and --store:\n"
    "  --format FORMAT         text (default), json, csv, junit, summary or html\n"
    "  --output FILE           write the report to FILE atomically; an input of the run\n"
    "                          (a rule file, a shard's report) is refused\n"
    "  --as-of, --region, --plan, --rule, --category, --owner, --where, --binding,\n"
    "  --fail-on, --trace, --diagnostics, --diag-format: as for eval\n"
    "  -h, --help              show this help\n"
    "\n"
    "Exit status: as eval's: 0 no verdict in the --fail-on set, 1 some are (or none could be\n"
    "assessed), 2 errors in the rules or the data (the shards' submission errors), shards\n"
    "that do not make one run, a report that could not be written whole, or usage.\n";

int mb_cmd_merge(int argc, char **argv)
{
    return mb_cli_eval_run("merge", argc, argv, USAGE);
}
