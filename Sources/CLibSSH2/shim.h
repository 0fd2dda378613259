#ifndef EDIGATE_CLIBSSH2_SHIM_H
#define EDIGATE_CLIBSSH2_SHIM_H
#include <libssh2.h>
#include <libssh2_sftp.h>
// libssh2 is built against OpenSSL's libcrypto (a dependency of libssh2-1-dev via
// libssl-dev), so SHA-256 of transferred files comes from there instead of pulling
// in another Swift package.
#include <openssl/evp.h>
#endif
