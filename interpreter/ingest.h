/* ingest.h — reading submission files into the store (internal to the data layer). */
#ifndef MB_INGEST_H
#define MB_INGEST_H

#include "data.h"

/* Intern a region by name; returns its index or -1 (out of memory, too many regions). */
long mb_data_intern(mb_data *D, const char *name, size_t n);
void mb_ingest_unmap(mb_data *D);

#endif
