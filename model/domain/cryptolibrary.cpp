#include "domain/cryptolibrary.h"

#include <openssl/crypto.h>

namespace lb {

void startCryptoLibrary()
{
    OPENSSL_init_crypto(OPENSSL_INIT_LOAD_CONFIG, nullptr);
}

} // namespace lb
