/* cmd_lsp.c — mubiao lsp: the language server, on standard input and output. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "lsp.h"

static const char USAGE[] =
    "usage: mubiao lsp\n"
    "\n"
    "Serve the Language Server Protocol on standard input and output, for editors:\n"
    "diagnostics while typing (with their MBnnnn codes) and quick fixes, hover on indicators\n"
    "and targets, completion, go to definition, references, document and workspace symbols,\n"
    "formatting of a document or a range, code lenses with each target's verdicts on a\n"
    "submission (the `submission` initialization option, or submission.csv beside the\n"
    "file), and inlay hints with the growth a target relative to its base implies.\n"
    "Messages are JSON-RPC with Content-Length headers; positions count UTF-16 code units.\n"
    "Log lines go to standard error. docs/editors.md says how to use it in an editor.\n"
    "\n"
    "Options:\n"
    "  -h, --help  show this help\n"
    "\n"
    "Exit status: 0 after shutdown and exit, 1 when the client went away without them,\n"
    "2 when a message could not be written whole (the client stopped reading).\n";

static const mb_opt OPTS[] = {{NULL, 0, NULL}};

int mb_cmd_lsp(int argc, char **argv)
{
    mb_args a;
    int pr = mb_cli_parse("lsp", argc, argv, OPTS, USAGE, &a);
    if (pr) return pr < 0 ? MB_EXIT_OK : pr;
    int nops = a.noperands;
    mb_args_free(&a);
    if (nops) return mb_cli_usage_error("lsp", "takes no files (the editor sends them)");
    /* a client that closes its end must not kill the server with SIGPIPE mid-message */
    signal(SIGPIPE, SIG_IGN);
    return mb_lsp_serve(STDIN_FILENO, stdout, stderr);
}
