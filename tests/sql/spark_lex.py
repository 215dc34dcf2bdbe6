#!/usr/bin/env python3
"""spark_lex.py SCRIPT.sql — what can be checked of a Spark SQL script without Spark (no
engine and no parser of Spark's own run here, docs/sql.md): read as Spark's lexer reads it —
'…' strings where a backslash escapes and '' is a quote, `…` identifiers where `` is a
backquote, -- comments to the end of the line — every literal and identifier is closed,
parentheses balance and never close more than they opened, nothing but comments follows the
last ';', and no double-quoted identifier (PostgreSQL's) is left. Exit 0, or 1 saying where."""
import sys


def check(text):
    depth, i, n, line, stmts = 0, 0, len(text), 1, 0
    last_semicolon = -1
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
        if c == "-" and text.startswith("--", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
            continue
        if c == "'":
            j = i + 1
            while j < n:
                if text[j] == "\\":
                    j += 2
                    continue
                if text[j] == "'":
                    if j + 1 < n and text[j + 1] == "'":
                        j += 2
                        continue
                    break
                if text[j] == "\n":
                    line += 1
                j += 1
            if j >= n:
                return f"line {line}: a string literal is not closed"
            i = j + 1
            continue
        if c == "`":
            j = i + 1
            while j < n and not (text[j] == "`" and not text.startswith("``", j)):
                j += 2 if text.startswith("``", j) else 1
            if j >= n:
                return f"line {line}: a backquoted identifier is not closed"
            i = j + 1
            continue
        if c == '"':
            return f"line {line}: a double quote outside a literal (an identifier not quoted for Spark)"
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                return f"line {line}: ')' closes nothing"
        elif c == ";":
            if depth:
                return f"line {line}: ';' inside parentheses ({depth} open)"
            stmts += 1
            last_semicolon = i
        i += 1
    if depth:
        return f"end of script: {depth} parentheses still open"
    if text[last_semicolon + 1:].strip():
        return "text after the last ';'"
    if stmts < 2:
        return f"{stmts} statements, expected DROP TABLE and CREATE TABLE"
    return None


def main():
    text = open(sys.argv[1], encoding="utf-8").read()
    why = check(text)
    if why:
        print(f"{sys.argv[1]}: {why}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
