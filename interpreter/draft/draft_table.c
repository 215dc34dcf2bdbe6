/* draft_table.c — indicator tables to milestones (placeholder: tables are read as text). */
#include "draft_int.h"

void md_tables(md_doc *d)
{
    (void)d;
}
