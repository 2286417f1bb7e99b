#ifndef KHCN_CLIBPQ_SHIM_H
#define KHCN_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
