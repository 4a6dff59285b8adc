#include "domain/cryptolibrary.h"

#include <openssl/crypto.h>

namespace lb {

bool startCryptoLibrary()
{
    return OPENSSL_init_crypto(OPENSSL_INIT_LOAD_CONFIG, nullptr) == 1;
}

} // namespace lb
