#ifndef KHCN_CCRYPTO_SHIM_H
#define KHCN_CCRYPTO_SHIM_H
#include <openssl/evp.h>
#endif
